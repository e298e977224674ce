// libsystemc references sc_main; the test binaries never start the kernel through it.
extern "C" int sc_main(int, char**) { return 1; }
