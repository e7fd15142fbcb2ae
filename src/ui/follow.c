/* Follow stream (f): placeholder until it lands. */
#include "config.h"

#include "ui/views.h"

void
follow_open_packet(struct ui *u, uint64_t number)
{
	(void)number;
	ui_message(u, true, "follow stream: not built yet");
}

void
follow_open_flow(struct ui *u, const struct flow_view *f)
{
	(void)f;
	ui_message(u, true, "follow stream: not built yet");
}
