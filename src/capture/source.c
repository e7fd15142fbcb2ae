/* Packet sources: the calls every kind of source answers the same way. */
#include "config.h"

#include <stdlib.h>

#include "capture/source.h"

int
source_next_batch(struct source *s, source_packet_fn fn, void *arg,
    int timeout_ms)
{
	return s->ops->next_batch(s, fn, arg, timeout_ms);
}

const char *
source_warning(const struct source *s)
{
	return s->warning[0] != '\0' ? s->warning : NULL;
}

const char *
source_error(const struct source *s)
{
	return s->error[0] != '\0' ? s->error : NULL;
}

int
source_link(const struct source *s)
{
	return s->link;
}

int
source_snaplen(const struct source *s)
{
	return s->snaplen;
}

const char *
source_name(const struct source *s)
{
	return s->name;
}

void
source_stats(struct source *s, struct source_stats *st)
{
	s->ops->stats(s, st);
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	s->ops->close(s);
	free(s);
}
