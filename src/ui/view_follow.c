/*
 * The follow-stream view: a title line with the stream and its byte
 * counts per direction, then its payload as ASCII (a), a hex dump (x) or
 * raw hex (r), client-to-server lines marked "> " and coloured apart from
 * server-to-client lines marked "< ".  Each chunk starts a line.  Lines
 * are not stored: an index keeps where every FV_MARK-th line starts (for
 * the mode and width it was built for), and a frame walks from the mark
 * before its first line to the last line on screen.  A prompt on the
 * view's last row takes a search (/, n, N) or a file name to save the
 * stream's bytes to (w).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode/field.h"
#include "ui/follow.h"
#include "ui/text.h"
#include "util.h"

#define FV_MARK		64	/* lines between two index marks */
#define FV_LINE		1024	/* longest line drawn, bytes */

enum fv_mode {
	FM_ASCII,
	FM_HEX,
	FM_RAW
};

static const char *const mode_names[] = { "ascii", "hex", "raw" };

enum fv_prompt {
	FP_NONE,
	FP_FIND,	/* typing a search */
	FP_SAVE,	/* typing a file name */
	FP_OVERWRITE	/* the file exists: y/n */
};

/* Where a line starts: a chunk and an offset in it. */
struct fv_pos {
	size_t		 ci;
	uint64_t	 co;
};

/* One line: bytes [start, end) of chunk ci (a gap chunk: one line). */
struct fv_line {
	size_t		 ci;
	uint64_t	 start, end;
};

static struct {
	enum fv_mode	 mode;
	uint64_t	 top;		/* first line shown */
	int		 page;		/* data rows the last frame had */
	/* The line index, for (stream, mode, cols). */
	bool		 built;
	enum fv_mode	 built_mode;
	int		 built_cols;
	size_t		 built_chunks;	/* the stream as it was indexed */
	uint64_t	 built_last;	/* (a live one grows) */
	struct fv_pos	*marks;
	size_t		 nmarks, capmarks;
	uint64_t	 nlines;
	/* The search and its match. */
	char		 find[256];
	size_t		 find_len;
	bool		 found;
	struct fv_pos	 match;
	/* The prompt. */
	enum fv_prompt	 prompt;
	char		 line[256];
	size_t		 len;
	char		 path[256];
} fv;

/* A new stream: its top, no search match, no prompt. */
void
follow_view_reset(void)
{
	fv.top = 0;
	fv.built = false;
	fv.nmarks = 0;
	fv.nlines = 0;
	fv.found = false;
	fv.prompt = FP_NONE;
}

/* Bytes a line holds in a mode at this width. */
static uint64_t
per_line(enum fv_mode m, int cols)
{
	switch (m) {
	case FM_HEX:
		return cols >= 78 ? 16 : 8;
	case FM_RAW:
		return cols > 4 ? (uint64_t)(cols - 2) / 2 : 1;
	default:
		return cols > 3 ? (uint64_t)(cols - 2) : 1;
	}
}

/* The line starting at *p into l, *p moved to the next; false at the
   end.  ASCII lines end at a newline (not shown, nor a CR before it) or
   the width. */
static bool
line_next(const struct stream *st, enum fv_mode m, uint64_t per,
    struct fv_pos *p, struct fv_line *l)
{
	const struct stream_chunk *c;
	const uint8_t *d, *nl;
	uint64_t lim, e, next;

	if (p->ci >= st->nchunks)
		return false;
	c = &st->chunks[p->ci];
	l->ci = p->ci;
	l->start = p->co;
	if (c->gap) {
		l->end = p->co;
		p->ci++;
		p->co = 0;
		return true;
	}
	lim = c->len - p->co < per ? c->len : p->co + per;
	if (m != FM_ASCII) {
		e = next = lim;
	} else {
		d = st->data + c->off;
		nl = memchr(d + p->co, '\n', (size_t)(lim - p->co));
		if (nl != NULL) {
			e = (uint64_t)(nl - d);
			next = e + 1;
			if (e > p->co && d[e - 1] == '\r')
				e--;
		} else {
			e = next = lim;
			/* A line as wide as the screen: its newline does
			   not make an empty one. */
			if (next < c->len && d[next] == '\n') {
				next++;
			} else if (next + 1 < c->len && d[next] == '\r' &&
			    d[next + 1] == '\n') {
				next += 2;
			} else if (next < c->len && e > p->co &&
			    d[e - 1] == '\r' && d[next] == '\n') {
				e--;
				next++;
			}
		}
	}
	l->end = e;
	p->co = next;
	if (p->co >= c->len) {
		p->ci++;
		p->co = 0;
	}
	return true;
}

/* Index the lines of st for the mode and width, from mark number from
   on (those before stay). */
static void
build(const struct stream *st, int cols, size_t from)
{
	uint64_t per = per_line(fv.mode, cols), n;
	struct fv_pos p = { 0, 0 };
	struct fv_line l;

	if (from > 0 && from < fv.nmarks) {
		p = fv.marks[from];
		fv.nmarks = from;
	} else {
		fv.nmarks = 0;
	}
	n = (uint64_t)fv.nmarks * FV_MARK;
	for (;;) {
		if (n % FV_MARK == 0) {
			if (fv.nmarks == fv.capmarks) {
				fv.capmarks = fv.capmarks ? fv.capmarks * 2 :
				    256;
				fv.marks = xrealloc(fv.marks,
				    fv.capmarks * sizeof *fv.marks);
			}
			fv.marks[fv.nmarks++] = p;
		}
		/* Hex and raw lines hold per bytes: count them up to the
		   chunk's end or the next mark without walking. */
		if (fv.mode != FM_ASCII && p.ci < st->nchunks &&
		    !st->chunks[p.ci].gap) {
			const struct stream_chunk *c = &st->chunks[p.ci];
			uint64_t left = (c->len - p.co + per - 1) / per;
			uint64_t k = FV_MARK - n % FV_MARK;

			if (left < k)
				k = left;
			p.co += k * per;
			if (p.co >= c->len) {
				p.ci++;
				p.co = 0;
			}
			n += k;
			continue;
		}
		if (!line_next(st, fv.mode, per, &p, &l))
			break;
		n++;
	}
	fv.nlines = n;
	fv.built = true;
	fv.built_mode = fv.mode;
	fv.built_cols = cols;
	fv.built_chunks = st->nchunks;
	fv.built_last = st->nchunks > 0 ? st->chunks[st->nchunks - 1].len : 0;
}

/* The largest first line (the last page). */
static uint64_t
max_top(void)
{
	uint64_t page = fv.page > 0 ? (uint64_t)fv.page : 1;

	return fv.nlines > page ? fv.nlines - page : 0;
}

/*
 * The index for the current mode and the screen's width.  A live stream
 * that grew is indexed again from its last mark inside the chunks it had
 * (earlier chunks never change, and a mark inside one follows whole
 * lines); a view at the end stays at the end.
 */
static void
ensure_built(const struct stream *st)
{
	int cols = getmaxx(stdscr);
	bool at_end;
	size_t from;

	if (!fv.built || fv.built_mode != fv.mode || fv.built_cols != cols) {
		build(st, cols, 0);
		return;
	}
	if (st->nchunks == fv.built_chunks && (st->nchunks == 0 ||
	    st->chunks[st->nchunks - 1].len == fv.built_last))
		return;
	at_end = fv.top >= max_top();
	for (from = fv.nmarks; from > 0 &&
	    fv.marks[from - 1].ci >= fv.built_chunks; from--)
		;
	build(st, cols, from > 0 ? from - 1 : 0);
	if (at_end)
		fv.top = max_top();
}

/* Where line n starts. */
static struct fv_pos
line_pos(const struct stream *st, uint64_t n)
{
	uint64_t per = per_line(fv.mode, fv.built_cols), i;
	struct fv_pos p;
	struct fv_line l;

	if (fv.nmarks == 0)
		return (struct fv_pos){ 0, 0 };
	if (n / FV_MARK >= fv.nmarks)
		n = (fv.nmarks - 1) * (uint64_t)FV_MARK;
	p = fv.marks[n / FV_MARK];
	for (i = n % FV_MARK; i > 0; i--)
		if (!line_next(st, fv.mode, per, &p, &l))
			break;
	return p;
}

/* Does position a come before b? */
static bool
pos_before(struct fv_pos a, struct fv_pos b)
{
	return a.ci < b.ci || (a.ci == b.ci && a.co < b.co);
}

/* The line that holds byte co of chunk ci. */
static uint64_t
line_of(const struct stream *st, struct fv_pos at)
{
	uint64_t per = per_line(fv.mode, fv.built_cols), n;
	size_t lo = 0, hi = fv.nmarks, mid;
	struct fv_pos p, q;
	struct fv_line l;

	if (fv.nmarks == 0)
		return 0;
	/* The last mark at or before at. */
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (pos_before(at, fv.marks[mid]))
			hi = mid;
		else
			lo = mid;
	}
	n = (uint64_t)lo * FV_MARK;
	p = fv.marks[lo];
	for (;;) {
		q = p;
		if (!line_next(st, fv.mode, per, &q, &l))
			return n > 0 ? n - 1 : 0;
		if (pos_before(at, q) || q.ci >= st->nchunks)
			return n;
		p = q;
		n++;
	}
}

/* "10.0.0.1:80" or "[2001:db8::1]:80". */
static void
endpoint(char *buf, size_t size, uint8_t ver, const uint8_t *a, uint16_t port)
{
	char host[64];

	addr_format(ver == 6 ? FT_IPV6 : FT_IPV4, a, host, sizeof host);
	snprintf(buf, size, ver == 6 ? "[%s]:%u" : "%s:%u", host, port);
}

/* The attribute of a direction's lines. */
static attr_t
dir_attr(const struct ui *u, int dir)
{
	if (u->colors)
		return COLOR_PAIR(dir == STREAM_CLIENT ? C_BAD : C_UDP);
	return dir == STREAM_CLIENT ? A_NORMAL : A_BOLD;
}

/* The text of line l into buf; the columns of its bytes for the
   search highlight go by byte_col(). */
static void
line_text(const struct stream *st, const struct fv_line *l, uint64_t per,
    char *buf, size_t size)
{
	const struct stream_chunk *c = &st->chunks[l->ci];
	const uint8_t *d = st->data + c->off;
	size_t n = 0;
	uint64_t i;

	n = (size_t)snprintf(buf, size, "%s",
	    c->dir == STREAM_CLIENT ? "> " : "< ");
	if (c->gap) {
		snprintf(buf + n, size - n, "[%llu bytes missing in the "
		    "capture]", (unsigned long long)c->len);
		return;
	}
	switch (fv.mode) {
	case FM_ASCII:
		for (i = l->start; i < l->end && n + 1 < size; i++)
			buf[n++] = d[i] >= 0x20 && d[i] < 0x7f ?
			    (char)d[i] : '.';
		buf[n] = '\0';
		break;
	case FM_RAW:
		for (i = l->start; i < l->end && n + 3 < size; i++)
			n += (size_t)snprintf(buf + n, size - n, "%02x", d[i]);
		break;
	case FM_HEX:
		n += (size_t)snprintf(buf + n, size - n, "%08llx  ",
		    (unsigned long long)(c->pos + l->start));
		for (i = 0; i < per && n + 4 < size; i++) {
			if (per == 16 && i == 8)
				buf[n++] = ' ';
			if (l->start + i < l->end)
				n += (size_t)snprintf(buf + n, size - n,
				    "%02x ", d[l->start + i]);
			else
				n += (size_t)snprintf(buf + n, size - n,
				    "   ");
		}
		buf[n++] = ' ';
		for (i = l->start; i < l->end && n + 1 < size; i++)
			buf[n++] = d[i] >= 0x20 && d[i] < 0x7f ?
			    (char)d[i] : '.';
		buf[n] = '\0';
		break;
	}
}

/* Highlight the bytes of the match on line l (drawn at row y). */
static void
line_match(WINDOW *w, int y, const struct stream *st,
    const struct fv_line *l, uint64_t per, attr_t attr)
{
	const struct stream_chunk *c = &st->chunks[l->ci];
	uint64_t from, to, i, k;
	int cols = getmaxx(w);

	if (!fv.found || fv.match.ci != l->ci || c->gap)
		return;
	from = fv.match.co > l->start ? fv.match.co : l->start;
	to = fv.match.co + fv.find_len < l->end ? fv.match.co + fv.find_len :
	    l->end;
	attr |= A_REVERSE;
	for (i = from; i < to; i++) {
		k = i - l->start;
		switch (fv.mode) {
		case FM_ASCII:
			if (2 + k < (uint64_t)cols)
				mvwchgat(w, y, (int)(2 + k), 1, attr,
				    PAIR_NUMBER(attr), NULL);
			break;
		case FM_RAW:
			if (2 + 2 * k + 1 < (uint64_t)cols)
				mvwchgat(w, y, (int)(2 + 2 * k), 2, attr,
				    PAIR_NUMBER(attr), NULL);
			break;
		case FM_HEX:
			if (12 + 3 * k + (per == 16 && k >= 8) + 1 <
			    (uint64_t)cols)
				mvwchgat(w, y, (int)(12 + 3 * k +
				    (per == 16 && k >= 8)), 2, attr,
				    PAIR_NUMBER(attr), NULL);
			if (13 + 3 * per + (per == 16) + k < (uint64_t)cols)
				mvwchgat(w, y, (int)(13 + 3 * per +
				    (per == 16) + k), 1, attr,
				    PAIR_NUMBER(attr), NULL);
			break;
		}
	}
}

/* The title and the per-direction line. */
static void
draw_title(struct ui *u, WINDOW *w, const struct follow_req *r,
    const struct follow_job *j, const struct stream *st)
{
	char a[80], b[80], buf[512], more[256];
	int cols = getmaxx(w), x;
	size_t n = 0;

	endpoint(a, sizeof a, r->ipver, r->a, r->pa);
	endpoint(b, sizeof b, r->ipver, r->b, r->pb);
	more[0] = '\0';
	if (st != NULL) {
		if (st->dir[0].dup + st->dir[1].dup > 0)
			n += (size_t)snprintf(more + n, sizeof more - n,
			    ", %llu bytes seen again (not repeated)",
			    (unsigned long long)(st->dir[0].dup +
			    st->dir[1].dup));
		if (st->dir[0].missing + st->dir[1].missing > 0 &&
		    n < sizeof more)
			n += (size_t)snprintf(more + n, sizeof more - n,
			    ", %llu bytes missing",
			    (unsigned long long)(st->dir[0].missing +
			    st->dir[1].missing));
		if (st->dir[0].pend_bytes + st->dir[1].pend_bytes > 0 &&
		    n < sizeof more)
			n += (size_t)snprintf(more + n, sizeof more - n,
			    ", %zu bytes wait behind a hole",
			    st->dir[0].pend_bytes + st->dir[1].pend_bytes);
		if (j != NULL && (j->conn > 1 || j->more) && n < sizeof more)
			n += (size_t)snprintf(more + n, sizeof more - n,
			    ", connection %u on these ports%s", j->conn,
			    j->more ? " (more follow)" : "");
		if (st->truncated && n < sizeof more)
			snprintf(more + n, sizeof more - n,
			    ", stream truncated at %zu MB", st->max >> 20);
	}
	snprintf(buf, sizeof buf, "Follow %s stream %s <-> %s  %llu packets"
	    "%s  [%s]", r->proto == 6 ? "TCP" : "UDP", a, b,
	    (unsigned long long)(j != NULL ? j->matched : 0), more,
	    mode_names[fv.mode]);
	wattron(w, A_BOLD);
	ui_text(w, 0, 0, buf, cols);
	wattrset(w, A_NORMAL);
	if (st == NULL)
		return;
	snprintf(buf, sizeof buf, "> %s -> %s: %llu bytes", a, b,
	    (unsigned long long)st->dir[STREAM_CLIENT].bytes);
	wattron(w, dir_attr(u, STREAM_CLIENT));
	x = ui_text(w, 1, 0, buf, cols);
	wattrset(w, A_NORMAL);
	snprintf(buf, sizeof buf, "< %s -> %s: %llu bytes", b, a,
	    (unsigned long long)st->dir[STREAM_SERVER].bytes);
	if (x + 4 < cols) {
		wattron(w, dir_attr(u, STREAM_SERVER));
		ui_text(w, 1, x + 4, buf, cols - x - 4);
		wattrset(w, A_NORMAL);
	}
}

/* The last row: the prompt being typed, or the keys. */
static void
draw_prompt(WINDOW *w, int y)
{
	const char *p;
	char buf[400];
	int cols = getmaxx(w);

	fv.line[fv.len] = '\0';
	switch (fv.prompt) {
	case FP_FIND:
		p = "find in stream: ";
		break;
	case FP_SAVE:
		p = "save stream bytes to: ";
		break;
	case FP_OVERWRITE:
		snprintf(buf, sizeof buf, "%s exists: overwrite? (y/n)",
		    fv.path);
		wattron(w, A_BOLD);
		ui_text(w, y, 0, buf, cols);
		wattrset(w, A_NORMAL);
		return;
	default:
		wattron(w, A_DIM);
		ui_text(w, y, 0, "a ascii  x hex  r raw  / find  n/N next/prev"
		    "  w save  Up/Down/PgUp/PgDn/Home/End  Esc back", cols);
		wattrset(w, A_NORMAL);
		return;
	}
	snprintf(buf, sizeof buf, "%s%s", p, fv.line);
	ui_text(w, y, 0, buf, cols);
}

/* Draw the title, the lines on screen and the prompt row. */
static void
follow_draw(struct ui *u, WINDOW *w)
{
	const struct follow_req *r;
	const struct follow_job *j;
	const struct stream *st;
	struct fv_line l;
	struct fv_pos p;
	char buf[FV_LINE * 4];
	double progress;
	uint64_t per, i;
	int rows, cols, y;

	werase(w);
	getmaxyx(w, rows, cols);
	st = follow_stream(u, &r, &j, &progress);
	if (r == NULL) {
		ui_text(w, 0, 0, "no stream: f on a TCP or UDP packet or flow "
		    "follows it", cols);
		return;
	}
	draw_title(u, w, r, j, st);
	if (st == NULL) {
		snprintf(buf, sizeof buf, "reading the stream's packets: "
		    "%.0f%%", progress * 100);
		ui_text(w, 2, 0, buf, cols);
		draw_prompt(w, rows - 1);
		return;
	}
	fv.page = rows - 3 > 0 ? rows - 3 : 1;
	ensure_built(st);
	if (fv.top > max_top())
		fv.top = max_top();
	if (st->nchunks == 0) {
		ui_text(w, 2, 0, "(no payload)", cols);
		draw_prompt(w, rows - 1);
		return;
	}
	per = per_line(fv.mode, cols);
	p = line_pos(st, fv.top);
	for (i = 0, y = 2; y < rows - 1 && line_next(st, fv.mode, per, &p,
	    &l); i++, y++) {
		attr_t a = dir_attr(u, st->chunks[l.ci].dir);

		line_text(st, &l, per, buf, sizeof buf);
		if (st->chunks[l.ci].gap)
			a |= A_DIM;
		wattron(w, a);
		ui_text(w, y, 0, buf, cols);
		wattrset(w, A_NORMAL);
		line_match(w, y, st, &l, per, a);
	}
	draw_prompt(w, rows - 1);
}

/* An ASCII letter in lower case (other bytes as they are). */
static uint8_t
lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

/* Does the search start at byte co of chunk c? */
static bool
match_at(const struct stream *st, const struct stream_chunk *c, uint64_t co)
{
	const uint8_t *d = st->data + c->off + co;
	size_t i;

	if (c->len - co < fv.find_len || lower(d[0]) != lower(
	    (uint8_t)fv.find[0]))
		return false;
	for (i = 1; i < fv.find_len; i++)
		if (lower(d[i]) != lower((uint8_t)fv.find[i]))
			return false;
	return true;
}

/* The first match in chunk c starting at from .. to (both included). */
static bool
find_fwd(const struct stream *st, const struct stream_chunk *c,
    uint64_t from, uint64_t to, uint64_t *at)
{
	const uint8_t *d = st->data + c->off, *pa, *pb, *p;
	uint8_t a = lower((uint8_t)fv.find[0]);
	uint8_t b = a >= 'a' && a <= 'z' ? (uint8_t)(a - 'a' + 'A') : a;
	size_t n;

	if (c->len < fv.find_len)
		return false;
	if (to > c->len - fv.find_len)
		to = c->len - fv.find_len;
	if (from > to)
		return false;
	/* The next place of the first byte in either case, by memchr. */
	n = (size_t)(to - from + 1);
	pa = memchr(d + from, a, n);
	pb = a != b ? memchr(d + from, b, n) : NULL;
	while (pa != NULL || pb != NULL) {
		p = pa == NULL ? pb : pb == NULL || pa < pb ? pa : pb;
		if (match_at(st, c, (uint64_t)(p - d))) {
			*at = (uint64_t)(p - d);
			return true;
		}
		n = (size_t)(d + to - p);	/* starts after p */
		if (p == pa)
			pa = n > 0 ? memchr(p + 1, a, n) : NULL;
		if (p == pb)
			pb = n > 0 ? memchr(p + 1, b, n) : NULL;
	}
	return false;
}

/*
 * Look for the search text (ASCII, any case) inside each chunk from the
 * match (or the first line shown) on, forward or back, wrapping once;
 * the line with the match comes on screen.
 */
static void
find_next(struct ui *u, const struct stream *st, bool backward)
{
	const struct stream_chunk *c;
	struct fv_pos from, at;
	uint64_t total = st->nchunks, k, co, line;
	bool wrapped = false;
	size_t ci;

	if (fv.find_len == 0) {
		ui_message(u, true, "nothing to find: / first");
		return;
	}
	if (total == 0) {
		ui_message(u, true, "not found: %s", fv.find);
		return;
	}
	ensure_built(st);
	from = fv.found ? fv.match : line_pos(st, fv.top);
	/* The chunk of from, then the others in order, then the part of
	   from's chunk on the other side of from. */
	for (k = 0; k <= total; k++) {
		ci = backward ? (size_t)((from.ci + total - k) % total) :
		    (size_t)((from.ci + k) % total);
		c = &st->chunks[ci];

		if (k > 0 && (backward ? ci > from.ci : ci < from.ci))
			wrapped = true;
		if (c->gap || c->len < fv.find_len)
			continue;
		if (!backward) {
			if (find_fwd(st, c, k == 0 && k < total ? from.co +
			    (fv.found ? 1 : 0) : 0, k == total ? from.co :
			    UINT64_MAX, &co))
				goto found;
		} else {
			co = c->len - fv.find_len + 1;
			if (k == 0)
				co = from.co < co ? from.co : co;
			while (co > 0) {
				co--;
				if (k == total && co < from.co)
					break;
				if (match_at(st, c, co))
					goto found;
			}
		}
	}
	fv.found = false;
	ui_message(u, true, "not found: %s", fv.find);
	return;
found:
	if (k == total)
		wrapped = true;
	at.ci = ci;
	at.co = co;
	fv.found = true;
	fv.match = at;
	line = line_of(st, at);
	if (line < fv.top || line >= fv.top + (uint64_t)fv.page)
		fv.top = line > (uint64_t)fv.page / 3 ?
		    line - (uint64_t)fv.page / 3 : 0;
	if (fv.top > max_top())
		fv.top = max_top();
	if (wrapped)
		ui_message(u, false, "search wrapped: %s", fv.find);
	else
		ui_message(u, false, "found: %s", fv.find);
}

/* Write the stream's bytes (both directions in order, gaps left out). */
static void
save(struct ui *u, const struct stream *st, bool overwrite)
{
	int fd, flags = O_WRONLY | O_CREAT | O_CLOEXEC;
	size_t done = 0;
	ssize_t n;

	flags |= overwrite ? O_TRUNC : O_EXCL;
	fd = open(fv.path, flags, 0644);
	if (fd < 0 && errno == EEXIST && !overwrite) {
		fv.prompt = FP_OVERWRITE;
		return;
	}
	if (fd < 0) {
		ui_message(u, true, "cannot write %s: %s", fv.path,
		    strerror(errno));
		return;
	}
	while (done < st->len) {
		n = write(fd, st->data + done, st->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ui_message(u, true, "cannot write %s: %s", fv.path,
			    n < 0 ? strerror(errno) : "short write");
			close(fd);
			return;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) {
		ui_message(u, true, "cannot write %s: %s", fv.path,
		    strerror(errno));
		return;
	}
	ui_message(u, false, "saved %zu bytes of the stream (both directions, "
	    "in order) to %s", st->len, fv.path);
}

/* A key while the prompt is open. */
static void
prompt_key(struct ui *u, const struct stream *st, int key)
{
	if (fv.prompt == FP_OVERWRITE) {
		if (key == 'y' || key == 'Y') {
			fv.prompt = FP_NONE;
			if (st != NULL)
				save(u, st, true);
		} else if (key == 'n' || key == 'N' || key == 27) {
			fv.prompt = FP_NONE;
			ui_message(u, false, "not saved: %s exists", fv.path);
		}
		return;
	}
	switch (key) {
	case 27:
		fv.prompt = FP_NONE;
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		fv.line[fv.len] = '\0';
		if (fv.prompt == FP_FIND) {
			fv.prompt = FP_NONE;
			if (fv.len == 0)
				return;
			snprintf(fv.find, sizeof fv.find, "%s", fv.line);
			fv.find_len = strlen(fv.find);
			fv.found = false;
			if (st != NULL)
				find_next(u, st, false);
		} else {
			fv.prompt = FP_NONE;
			if (fv.len == 0 || st == NULL)
				return;
			snprintf(fv.path, sizeof fv.path, "%s", fv.line);
			save(u, st, false);
		}
		return;
	case 21:	/* ^U */
		fv.len = 0;
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (fv.len > 0)
			fv.len--;
		return;
	default:
		if (key >= 0x20 && key < 0x7f && fv.len + 1 < sizeof fv.line)
			fv.line[fv.len++] = (char)key;
	}
}

/* Open the prompt with a starting text. */
static void
prompt_open(enum fv_prompt p, const char *text)
{
	fv.prompt = p;
	fv.len = (size_t)snprintf(fv.line, sizeof fv.line, "%s", text);
	if (fv.len >= sizeof fv.line)
		fv.len = sizeof fv.line - 1;
}

/* The view's keys (all of them while its prompt is open). */
static bool
follow_key(struct ui *u, int key)
{
	const struct follow_req *r;
	const struct follow_job *j;
	const struct stream *st;
	double progress;
	uint64_t page = fv.page > 0 ? (uint64_t)fv.page : 1;

	st = follow_stream(u, &r, &j, &progress);
	if (fv.prompt != FP_NONE) {
		prompt_key(u, st, key);
		return true;
	}
	switch (key) {
	case 27:
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (!ui_back(u))
			u->view = VIEW_PACKETS;
		return true;
	case 'a':
	case 'x':
	case 'r':
		fv.mode = key == 'a' ? FM_ASCII : key == 'x' ? FM_HEX : FM_RAW;
		fv.top = 0;
		return true;
	case '/':
	case 6:		/* ^F */
		prompt_open(FP_FIND, fv.find);
		return true;
	case 'n':
	case 'N':
		if (st != NULL)
			find_next(u, st, key == 'N');
		return true;
	case 'w':
		if (st == NULL) {
			ui_message(u, true, "the stream is not read yet");
			return true;
		}
		if (fv.path[0] == '\0')
			save_default_path("stream", "bin", fv.path, sizeof fv.path);
		prompt_open(FP_SAVE, fv.path);
		return true;
	case KEY_UP:
	case 'k':
		if (fv.top > 0)
			fv.top--;
		return true;
	case KEY_DOWN:
	case 'j':
		if (fv.top < max_top())
			fv.top++;
		return true;
	case KEY_PPAGE:
		fv.top = fv.top > page ? fv.top - page : 0;
		return true;
	case KEY_NPAGE:
		fv.top = fv.top + page < max_top() ? fv.top + page : max_top();
		return true;
	case KEY_HOME:
	case 'g':
		fv.top = 0;
		return true;
	case KEY_END:
	case 'G':
		fv.top = max_top();
		return true;
	}
	return false;
}

const struct ui_view_ops view_follow = { "follow", follow_draw, follow_key };
