/*
 * Marked packets (m): their numbers, ascending, so that a frame asks
 * about each visible row in O(log n) and saving walks them in order.
 */
#include "config.h"

#include <string.h>

#include "ui/views.h"
#include "util.h"

/* The index of the first mark >= number. */
static size_t
marks_find(const struct ui *u, uint64_t number)
{
	size_t lo = 0, hi = u->nmarks, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (u->marks[mid] < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
marks_has(const struct ui *u, uint64_t number)
{
	size_t i = marks_find(u, number);

	return i < u->nmarks && u->marks[i] == number;
}

void
marks_toggle(struct ui *u, uint64_t number)
{
	size_t i = marks_find(u, number);

	if (number == 0)
		return;
	if (i < u->nmarks && u->marks[i] == number) {
		memmove(u->marks + i, u->marks + i + 1,
		    (u->nmarks - i - 1) * sizeof *u->marks);
		u->nmarks--;
		return;
	}
	if (u->nmarks == u->capmarks) {
		u->capmarks = u->capmarks ? u->capmarks * 2 : 64;
		u->marks = xrealloc(u->marks, u->capmarks * sizeof *u->marks);
	}
	memmove(u->marks + i + 1, u->marks + i,
	    (u->nmarks - i) * sizeof *u->marks);
	u->marks[i] = number;
	u->nmarks++;
}

size_t
marks_count(const struct ui *u)
{
	return u->nmarks;
}
