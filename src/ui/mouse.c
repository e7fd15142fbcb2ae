/* The mouse: placeholder until it lands. */
#include "config.h"

#include "ui/views.h"

bool
mouse_key(struct ui *u)
{
	(void)u;
	return false;
}
