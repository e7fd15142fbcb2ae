/* The follow-stream view: placeholder until it lands. */
#include "config.h"

#include "ui/views.h"

static void
follow_draw(struct ui *u, WINDOW *w)
{
	(void)u;
	werase(w);
}

static bool
follow_key(struct ui *u, int key)
{
	(void)u;
	(void)key;
	return false;
}

const struct ui_view_ops view_follow = { "follow", follow_draw, follow_key };
