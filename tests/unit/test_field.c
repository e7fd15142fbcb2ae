/* STUB: unit tests to be written. */
#include "config.h"

#include "testlib.h"

int
main(void)
{
	return tl_done();
}
