/*
 * Search (Ctrl-F, then n / N): the next packet shown, from the selection
 * on (N: back), whose list columns (No., Time, Source, Destination,
 * Proto, Len, Info as the packets view shows them) or field tree (layer
 * names and every field line of the detail pane) hold the text, case
 * ignored; or, for a hex byte string ("ff:ff", "de ad be ef",
 * "0xdeadbeef"), whose captured bytes hold those bytes; or, for a text
 * that compiles as a display filter ("dns", "tcp.port == 443"), that the
 * filter matches.  Which one: a text in double quotes is text (the
 * quotes taken off); else a filter if it compiles (a filter names a field
 * or protocol: "dns" searches for DNS packets, not for the word); else
 * hex bytes if it is that; else text.  The search wraps past the end
 * (the selection itself is looked at last) and says so.
 *
 * A search looks at packets for at most SEARCH_BUDGET_NS per key press,
 * so a million-packet file never freezes the UI: where the budget ends it
 * says how far it got, and the next n (N) carries on from there as long
 * as the selection has not moved; so does search_step() between frames,
 * for a loop that calls it while search_pending().
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/dissect.h"
#include "filter.h"
#include "output/output.h"
#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

#define SEARCH_BUDGET_NS	(200 * NS_PER_MS)
#define SEARCH_CLOCK_EVERY	16	/* packets between looks at the clock */
#define SEARCH_HEX_MAX		128	/* bytes of a hex search */

/* The search compiled from the text, and where a paused one stopped. */
static struct {
	char		 text[256];	/* lowercase, what text searches for */
	struct filter	*filter;	/* a display filter's search */
	bool		 hex;
	uint8_t		 bytes[SEARCH_HEX_MAX];
	size_t		 nbytes;
	uint32_t	 match_off;	/* where the bytes were in the last
					   packet that had them */

	bool		 pending;	/* paused at the budget */
	bool		 backward;
	bool		 wrapped;
	uint64_t	 resume;	/* the next packet to look at */
	uint64_t	 sel;		/* the selection when it paused */
	size_t		 left;		/* packets still to look at */
	size_t		 total;		/* packets to look at in all */
} st;

static uint8_t frame_buf[SNAPLEN_MAX];

/* The value of a hex digit, -1 if c is none. */
static int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Is s a hex byte string?  "0x" and an even number of hex digits, or two
 * or more pairs of hex digits separated by ':', '-' or spaces ("ff:ff",
 * "de ad be ef").  A lone word ("beef") and dotted numbers (an IPv4
 * address) are text.  Fills st.bytes.
 */
static bool
parse_hex(const char *s)
{
	size_t n = 0, groups = 0;
	int hi, lo;

	while (*s == ' ')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		for (s += 2; (hi = hex_digit(*s)) >= 0; s += 2) {
			if ((lo = hex_digit(s[1])) < 0 || n == SEARCH_HEX_MAX)
				return false;
			st.bytes[n++] = (uint8_t)(hi << 4 | lo);
		}
		while (*s == ' ')
			s++;
		st.nbytes = n;
		return *s == '\0' && n > 0;
	}
	for (;;) {
		if ((hi = hex_digit(s[0])) < 0 || (lo = hex_digit(s[1])) < 0 ||
		    n == SEARCH_HEX_MAX)
			return false;
		st.bytes[n++] = (uint8_t)(hi << 4 | lo);
		groups++;
		s += 2;
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if (*s == ':' || *s == '-')
			s++;
		else if (s[-1] != ' ')
			return false;	/* "dead", "ff.ff" */
		while (*s == ' ')
			s++;
	}
	st.nbytes = n;
	return groups >= 2;
}

/* ASCII lowercase, by byte (faster than tolower() in the inner loop). */
static unsigned char lower[256];

/*
 * Characters as bits of a 64-bit mask (a-z, 0-9, the rest folded into the
 * other 28 bits), case ignored: a line without one of the search text's
 * characters cannot hold it.  Tree lines are "Label: shown (value)", and
 * the value of most field types is made of few characters, so most lines
 * are ruled out without formatting them.
 */
static uint64_t text_chars;	/* the search text's */

/* The bit of byte c. */
static uint64_t
char_bit(unsigned char c)
{
	c = lower[c];
	if (c >= 'a' && c <= 'z')
		return (uint64_t)1 << (c - 'a');
	if (c >= '0' && c <= '9')
		return (uint64_t)1 << (26 + c - '0');
	return (uint64_t)1 << (36 + c % 28);
}

/* The bits of every byte of s. */
static uint64_t
chars_of(const char *s)
{
	uint64_t m = 0;

	for (; *s != '\0'; s++)
		m |= char_bit((unsigned char)*s);
	return m;
}

/* The characters a tree line of v's type may have besides its label and
   shown text; 0: any (always format it). */
static uint64_t
value_chars(const struct field_value *v)
{
	static uint64_t known[FT_RELTIME + 1];
	static const char digits[] = "0123456789";
	const char *set;

	if (v->def->type <= FT_RELTIME && known[v->def->type] != 0 &&
	    (v->def->type != FT_BYTES || v->n > 0))
		return known[v->def->type];
	switch (v->def->type) {
	case FT_UINT:
		set = "0123456789abcdefx";	/* decimal, 0x hex, octal */
		break;
	case FT_INT:
		set = "0123456789-";
		break;
	case FT_BOOL:
		set = digits;
		break;
	case FT_IPV4:
		set = "0123456789.";
		break;
	case FT_IPV6:
	case FT_ETHER:
		set = "0123456789abcdef:.?";	/* ? when it cannot fit */
		break;
	case FT_BYTES:
		if (v->n == 0)
			return 0;	/* "<none>", "<MISSING>" */
		set = "0123456789abcdef";
		break;
	case FT_DOUBLE:
		set = "0123456789.-+einfa";	/* %g, inf, nan */
		break;
	case FT_TIME:
	case FT_RELTIME:
		set = "0123456789.- seconds";
		break;
	default:
		return 0;	/* strings, text lines */
	}
	return known[v->def->type] = chars_of(set) | chars_of(": ()");
}

/* The characters of a field's label, remembered by its definition. */
static uint64_t
label_chars(const struct field_def *f)
{
	static struct {
		const struct field_def	*def;
		uint64_t		 m;
	} cache[512];
	size_t h = ((uintptr_t)f >> 4) % (sizeof cache / sizeof cache[0]);

	if (cache[h].def != f) {
		cache[h].def = f;
		cache[h].m = chars_of(f->label);
	}
	return cache[h].m;
}

/* Does s hold the search text (ASCII case ignored)? */
static bool
has_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *t = (const unsigned char *)st.text;
	size_t i;

	if (t[0] == '\0')
		return true;
	for (; *p != '\0'; p++) {
		if (lower[*p] != t[0])
			continue;
		for (i = 1; t[i] != '\0' && lower[p[i]] == t[i]; i++)
			;
		if (t[i] == '\0')
			return true;
	}
	return false;
}

/* Does a column of the packet's list row hold the text?  (pi: its
   summary, with the Info.) */
static bool
row_has(const struct ui *u, const struct frame_meta *fm,
    const struct pkt_info *pi)
{
	char buf[256], dst[256];

	snprintf(buf, sizeof buf, "%llu", (unsigned long long)fm->number);
	if (has_text(buf))
		return true;
	ui_time_text(u, fm, buf, sizeof buf);
	if (has_text(buf))
		return true;
	if (has_text(pi->info) || has_text(summary_proto(pi)))
		return true;
	summary_addrs(pi, buf, sizeof buf, dst, sizeof dst);
	if (has_text(buf) || has_text(dst))
		return true;
	if (u->resolve && pi->ipver != 0) {
		/* The names the list shows (cached ones: never blocks). */
		buf[0] = dst[0] = '\0';
		resolver_name(pi->ipver, pi->src, buf, sizeof buf);
		resolver_name(pi->ipver, pi->dst, dst, sizeof dst);
		if (has_text(buf) || has_text(dst))
			return true;
	}
	snprintf(buf, sizeof buf, "%u", fm->wirelen);
	return has_text(buf);
}

/* A sink that looks for the text in the field tree's lines. */
struct tree_search {
	bool	found;
};

/* Sink: a layer's name, as its heading in the tree. */
static void
ts_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct tree_search *t = arg;

	(void)off;
	if (!t->found && p < P_MAX && has_text(proto_defs[p].label))
		t->found = true;
}

/* Sink: nothing to look at when a layer closes. */
static void
ts_layer_close(void *arg, uint32_t off, int status)
{
	(void)arg;
	(void)off;
	(void)status;
}

/* Sink: a field's tree line. */
static void
ts_field(void *arg, const struct field_value *v)
{
	struct tree_search *t = arg;
	char text[512];

	uint64_t m;

	if (t->found || field_hidden(v->def))	/* not in the tree */
		return;
	if ((m = value_chars(v)) != 0) {
		m |= label_chars(v->def);
		if (v->shown != NULL)
			m |= chars_of(v->shown);
		if ((text_chars & ~m) != 0)
			return;		/* it lacks a character of the text */
	}
	field_format_tree(v, text, sizeof text);
	t->found = has_text(text);
}

/* Sink: subtrees do not matter here. */
static void
ts_nop(void *arg)
{
	(void)arg;
}

/* Does packet number n match?  (False if it is gone from the ring.) */
static bool
packet_matches(struct ui *u, uint64_t n)
{
	struct tree_search t = { false };
	struct field_sink sink = {
		ts_layer_open, ts_layer_close, ts_field, ts_nop, ts_nop, &t
	};
	struct frame_meta fm;
	struct pkt_info pi;
	bool ok;

	model_lock(u->m);
	ok = model_ring_frame(u->m, n, &fm, frame_buf, sizeof frame_buf);
	model_unlock(u->m);
	if (!ok)
		return false;
	if (st.filter != NULL)
		return filter_match(st.filter, &fm, frame_buf);
	if (st.hex) {
		const uint8_t *p = memmem(frame_buf, fm.caplen, st.bytes,
		    st.nbytes);

		if (p == NULL)
			return false;
		st.match_off = (uint32_t)(p - frame_buf);
		return true;
	}
	/* One pass: the tree's lines to the sink, the row's Info to pi. */
	dissect_frame(&fm, frame_buf, &pi, &sink, true);
	return t.found || row_has(u, &fm, &pi);
}

/* Compile the text typed after Ctrl-F (see views.h): quoted text, a
   display filter, hex bytes or text, in that order. */
void
search_set(struct ui *u, const char *text)
{
	char *cause = NULL;
	size_t i, n = strlen(text);
	bool quoted = n >= 2 && text[0] == '"' && text[n - 1] == '"';

	snprintf(u->search_text, sizeof u->search_text, "%s", text);
	u->searching = text[0] != '\0';
	filter_free(st.filter);
	memset(&st, 0, sizeof st);
	for (i = 0; i < sizeof lower; i++)
		lower[i] = (unsigned char)(i < 0x80 ? tolower((int)i) : (int)i);
	if (quoted) {
		text++;
		n -= 2;
	} else if (u->searching &&
	    (st.filter = filter_new(text, u->link, u->snaplen, &cause)) ==
	    NULL) {
		free(cause);
		st.hex = parse_hex(text);
	}
	for (i = 0; i < n && i + 1 < sizeof st.text; i++)
		st.text[i] = (char)tolower((unsigned char)text[i]);
	st.text[i] = '\0';
	text_chars = chars_of(st.text);
}

/* Select packet n, the i-th shown, in the packets view: on screen, and in
   the detail pane if it is open. */
static void
go_to(struct ui *u, uint64_t n, size_t i)
{
	size_t top = ui_shown_index(u, u->top_number), page = u->list_rows;

	if (u->view != VIEW_PACKETS)
		ui_push_view(u, VIEW_PACKETS);
	u->sel_number = n;
	u->follow = false;
	if (page == 0)
		page = 1;
	if (i < top || i >= top + page)
		u->top_number = ui_shown_number(u, i > page / 2 ?
		    i - page / 2 : 0);
	if (u->detail != NULL && detail_number(u->detail) != n) {
		detail_close(u->detail);
		u->detail = detail_open(u, n);
		if (u->detail == NULL)
			u->focus = FOCUS_LIST;
	}
	/* The match in the tree: the field with the bytes, or the text
	   (a filter's match is the packet). */
	if (u->detail == NULL || st.filter != NULL)
		return;
	if (st.hex)
		(void)detail_select_bytes(u->detail, st.match_off,
		    (uint32_t)st.nbytes);
	else
		(void)detail_find(u->detail, st.text);
}

/* The index among the count shown where a paused search carries on. */
static size_t
resume_index(struct ui *u, size_t count)
{
	size_t i = ui_shown_index(u, st.resume);
	uint64_t n = ui_shown_number(u, i);

	if (!st.backward && n < st.resume) {
		st.wrapped = true;	/* it is gone: past the end */
		return 0;
	}
	if (st.backward && n > st.resume) {
		if (i > 0)
			return i - 1;
		st.wrapped = true;
		return count - 1;
	}
	return i;
}

/* Look at packets from where the search is (see search_next()) for at
   most budget_ns: select the match, or say it is not there, or pause. */
static void
search_run(struct ui *u, int64_t budget_ns)
{
	size_t count = ui_shown_count(u), i, k;
	int64_t t0 = mono_ns();
	bool backward = st.backward;
	uint64_t n;

	st.pending = false;
	if (count == 0) {
		ui_message(u, true, "not found: %s", u->search_text);
		return;
	}
	i = resume_index(u, count);
	if (st.left > count)
		st.left = count;
	for (k = 0; st.left > 0; k++) {
		n = ui_shown_number(u, i);
		if (k % SEARCH_CLOCK_EVERY == SEARCH_CLOCK_EVERY - 1 &&
		    mono_ns() - t0 > budget_ns) {
			st.pending = true;
			st.resume = n;
			st.sel = u->sel_number;
			/* The loop carries it on between frames. */
			ui_message(u, false, "searching%s %zu of %zu packets "
			    "looked at", u->utf8 ? "\u2026" : "...",
			    st.total - st.left, st.total);
			return;
		}
		st.left--;
		if (packet_matches(u, n)) {
			go_to(u, n, i);
			if (st.wrapped)
				ui_message(u, false, "search wrapped");
			else
				u->message[0] = '\0';
			return;
		}
		if (!backward && ++i == count) {
			i = 0;
			st.wrapped = true;
		} else if (backward && i-- == 0) {
			i = count - 1;
			st.wrapped = true;
		}
	}
	ui_message(u, true, "not found: %s", u->search_text);
}

/* The next (backward: previous) match from the selection (see views.h). */
void
search_next(struct ui *u, bool backward)
{
	size_t count = ui_shown_count(u), i;

	if (u->search_text[0] == '\0') {
		ui_message(u, true, "no search yet: Ctrl-F types one");
		return;
	}
	if (!(st.pending && st.backward == backward &&
	    st.sel == u->sel_number) && count > 0) {
		/* From the one after the selection round to it. */
		st.backward = backward;
		st.wrapped = false;
		st.left = st.total = count;
		i = ui_shown_index(u, u->sel_number);
		if (!backward && ++i == count) {
			i = 0;
			st.wrapped = true;
		} else if (backward && i-- == 0) {
			i = count - 1;
			st.wrapped = true;
		}
		st.resume = ui_shown_number(u, i);
	}
	search_run(u, SEARCH_BUDGET_NS);
}

/* Is a search paused at its budget (see views.h)? */
bool
search_pending(const struct ui *u)
{
	return u->searching && st.pending;
}

/* Carry a paused search on for budget_ns (see views.h); a selection that
   moved since stops it. */
void
search_step(struct ui *u, int64_t budget_ns)
{
	if (!search_pending(u))
		return;
	if (u->sel_number != st.sel) {
		st.pending = false;
		u->message[0] = '\0';
		return;
	}
	search_run(u, budget_ns);
}
