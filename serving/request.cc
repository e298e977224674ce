#include "serving/request.h"
