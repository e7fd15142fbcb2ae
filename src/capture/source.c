/* Packet sources: the calls every kind of source answers the same way. */
#include "config.h"

#include <stdlib.h>

#include "capture/source.h"
#include "decode/wtime.h"

/* Number a packet and give it its relative times, then pass it on. */
static void
source_stamp(void *arg, const struct frame_meta *fm, const uint8_t *data)
{
	struct source *s = arg;
	struct frame_meta m = *fm;

	m.number = ++s->number;
	if (m.number == 1) {
		s->first_sec = s->prev_sec = m.ts_sec;
		s->first_nsec = s->prev_nsec = m.ts_nsec;
	}
	/* As pairs: a file may hold any int64 seconds, whose differences
	   tshark prints in full. */
	m.rel = wtime_sub(m.ts_sec, m.ts_nsec, s->first_sec, s->first_nsec);
	m.delta = wtime_sub(m.ts_sec, m.ts_nsec, s->prev_sec, s->prev_nsec);
	s->prev_sec = m.ts_sec;
	s->prev_nsec = m.ts_nsec;
	s->user_fn(s->user_arg, &m, data);
}

int
source_next_batch(struct source *s, source_packet_fn fn, void *arg,
    int timeout_ms)
{
	s->user_fn = fn;
	s->user_arg = arg;
	s->brk = false;
	return s->ops->next_batch(s, source_stamp, s, timeout_ms);
}

/* End the source early; see source.h. */
void
source_interrupt(struct source *s)
{
	atomic_store(&s->interrupted, 1);
}

/* End the present batch after the packet being delivered. */
void
source_break(struct source *s)
{
	s->brk = true;
}

/* Set the hook a file source calls while it waits for input. */
void
source_set_idle(struct source *s, source_idle_fn fn, void *arg)
{
	s->idle_fn = fn;
	s->idle_arg = arg;
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

/* A regular capture file's size; 0 for anything else. */
uint64_t
source_size(const struct source *s)
{
	return s->size;
}
