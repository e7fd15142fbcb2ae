/* The unit-test harness (see testlib.h). */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "testlib.h"

int tl_failed, tl_passed;

static struct tl_result result;
static int layer_stack[DISSECT_MAX_LAYERS + 1];
static int layer_sp;
static int subtree_depth;

/* Count one check; report it when it failed. */
void
tl_check(bool ok, const char *what, const char *file, int line)
{
	if (ok) {
		tl_passed++;
		return;
	}
	tl_failed++;
	fprintf(stderr, "%s:%d: FAIL: %s\n", file, line, what);
}

/* Count a string comparison; NULL never matches. */
void
tl_check_str(const char *got, const char *want, const char *file, int line)
{
	if (got != NULL && want != NULL && strcmp(got, want) == 0) {
		tl_passed++;
		return;
	}
	tl_failed++;
	fprintf(stderr, "%s:%d: FAIL: got \"%s\", want \"%s\"\n", file, line,
	    got ? got : "(null)", want ? want : "(null)");
}

/* Count an integer comparison. */
void
tl_check_int(long long got, long long want, const char *what,
    const char *file, int line)
{
	if (got == want) {
		tl_passed++;
		return;
	}
	tl_failed++;
	fprintf(stderr, "%s:%d: FAIL: %s is %lld, want %lld\n", file, line,
	    what, got, want);
}

/* Record a layer and make it the one new fields belong to. */
static void
sink_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct tl_result *r = arg;
	struct tl_layer *l;

	if (r->nlayers >= DISSECT_MAX_LAYERS) {
		r->errors++;
		return;
	}
	if (off > r->caplen)
		r->errors++;
	l = &r->layers[r->nlayers];
	l->proto = p;
	l->off = off;
	l->end = off;
	l->status = 0;
	l->parent = layer_sp > 0 ? layer_stack[layer_sp - 1] : -1;
	layer_stack[layer_sp++] = r->nlayers++;
	subtree_depth = 0;
}

/* Close the innermost open layer at off with its status. */
static void
sink_layer_close(void *arg, uint32_t off, int status)
{
	struct tl_result *r = arg;
	struct tl_layer *l;

	if (layer_sp <= 0) {
		r->errors++;
		return;
	}
	l = &r->layers[layer_stack[--layer_sp]];
	l->end = off;
	l->status = status;
	if (off > r->caplen)
		r->errors++;
	subtree_depth = 0;
}

/* Record one field, checking it lies inside the captured bytes. */
static void
sink_field(void *arg, const struct field_value *v)
{
	struct tl_result *r = arg;
	struct tl_field *f;

	/* Every field must lie inside the captured bytes. */
	if (v->off > r->caplen || v->len > r->caplen - v->off) {
		r->errors++;
		fprintf(stderr, "field %s at %u+%u past caplen %u\n",
		    v->def->name, v->off, v->len, r->caplen);
	}
	if (r->nfields >= TL_MAX_FIELDS)
		return;
	f = &r->fields[r->nfields++];
	f->name = v->def->name;
	field_format(v, f->value, sizeof f->value);
	field_format_tree(v, f->tree, sizeof f->tree);
	f->off = v->off;
	f->len = v->len;
	f->layer = layer_sp > 0 ? layer_stack[layer_sp - 1] : -1;
	f->depth = subtree_depth;
	f->verdict = v->verdict;
}

/* Go one subtree level down. */
static void
sink_push(void *arg)
{
	(void)arg;
	subtree_depth++;
}

/* Come one subtree level up; popping past the top is an error. */
static void
sink_pop(void *arg)
{
	struct tl_result *r = arg;

	if (subtree_depth <= 0)
		r->errors++;
	else
		subtree_depth--;
}

static const struct field_sink collect_sink = {
	sink_layer_open, sink_layer_close, sink_field, sink_push, sink_pop,
	&result
};

/* The frame metadata of a test frame (frame 1, a fixed time stamp). */
static void
meta_init(struct frame_meta *m, int link, size_t len, size_t wirelen)
{
	memset(m, 0, sizeof *m);
	m->number = 1;
	m->ts_sec = 1700000000;
	m->caplen = (uint32_t)len;
	m->wirelen = (uint32_t)(wirelen ? wirelen : len);
	m->link = link;
}

int tl_fastpath_taken;

/* If the capture pass's fast path takes the frame, its summary must be
   the one the decoders give without a sink (Info aside). */
static void
fastpath_check(int link, const uint8_t *buf, size_t len, size_t wirelen)
{
	struct frame_meta	 m;
	struct pkt_info		 fast, slow;

	meta_init(&m, link, len, wirelen);
	if (!fastpath_decode(&m, buf, &fast))
		return;
	tl_fastpath_taken++;
	dissect_frame_want(&m, buf, &slow, NULL, false, NULL);
	tl_check(memcmp(&slow, &fast, offsetof(struct pkt_info, info)) == 0,
	    "the fast path's summary is the decoders'", __FILE__, __LINE__);
}

/* Dissect with the collecting sink into the static result. */
const struct tl_result *
tl_dissect(int link, const uint8_t *buf, size_t len, size_t wirelen)
{
	struct frame_meta m;

	memset(&result, 0, sizeof result);
	layer_sp = 0;
	subtree_depth = 0;
	result.caplen = (uint32_t)len;
	meta_init(&m, link, len, wirelen);
	dissect_frame(&m, buf, &result.pi, &collect_sink, true);
	if (layer_sp != 0)
		result.errors++;	/* a layer left open */
	fastpath_check(link, buf, len, wirelen);
	return &result;
}

/* Dissect without a sink, filling only the summary. */
void
tl_fast(int link, const uint8_t *buf, size_t len, struct pkt_info *pi)
{
	struct frame_meta m;

	meta_init(&m, link, len, 0);
	dissect_frame(&m, buf, pi, NULL, true);
}

/* The first field of that name, or NULL. */
const struct tl_field *
tl_find(const struct tl_result *r, const char *name)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

/* The first value of a field, or NULL. */
const char *
tl_get(const struct tl_result *r, const char *name)
{
	const struct tl_field *f = tl_find(r, name);

	return f != NULL ? f->value : NULL;
}

/* Every value of a field joined by commas (static buffer). */
const char *
tl_all(const struct tl_result *r, const char *name)
{
	static char buf[4096];
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < r->nfields; i++) {
		if (strcmp(r->fields[i].name, name) != 0)
			continue;
		used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
		    used ? "," : "", r->fields[i].value);
		if (used >= sizeof buf)
			break;
	}
	return buf;
}

/* How many times a field occurs. */
int
tl_count(const struct tl_result *r, const char *name)
{
	int i, n = 0;

	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			n++;
	return n;
}

/* Was protocol p seen in the frame? */
bool
tl_has(const struct tl_result *r, enum proto_id p)
{
	return (r->pi.protos & ((uint64_t)1 << p)) != 0;
}

/* The LAYER_* bits of every layer of protocol p, or-ed. */
int
tl_status(const struct tl_result *r, enum proto_id p)
{
	int i, st = 0;

	for (i = 0; i < r->nlayers; i++)
		if (r->layers[i].proto == p)
			st |= r->layers[i].status;
	return st;
}

/* Decode every prefix of buf, fast and full; one check for all. */
void
tl_prefixes(int link, const uint8_t *buf, size_t len)
{
	struct pkt_info pi;
	uint8_t *copy;
	size_t i;
	int bad = 0;

	for (i = 0; i <= len; i++) {
		/* An exact-size heap copy so that ASan sees any over-read. */
		copy = malloc(i ? i : 1);
		if (copy == NULL)
			abort();
		memcpy(copy, buf, i);
		tl_fast(link, copy, i, &pi);
		/* The prefix as a whole frame too: lengths past its end. */
		fastpath_check(link, copy, i, 0);
		tl_dissect(link, copy, i, len);
		if (result.errors != 0) {
			fprintf(stderr, "prefix %zu of %zu: %d sink errors\n",
			    i, len, result.errors);
			bad++;
		}
		free(copy);
	}
	tl_check(bad == 0, "every prefix decodes within bounds", __FILE__,
	    __LINE__);
}

/* Parse hex digits into buf, skipping anything else. */
size_t
tl_hex(const char *hex, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex != '\0'; hex++) {
		int v;

		if (!isxdigit((unsigned char)*hex))
			continue;
		v = isdigit((unsigned char)*hex) ? *hex - '0' :
		    tolower((unsigned char)*hex) - 'a' + 10;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n < cap)
			buf[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return n;
}

uint8_t tl_frame[TL_MAX_FRAME];
size_t tl_frame_len;

/* Parse hex into the shared frame buffer. */
size_t
tl_load(const char *hex)
{
	tl_frame_len = tl_hex(hex, tl_frame, sizeof tl_frame);
	return tl_frame_len;
}

/* Every prefix first: tl_prefixes() reuses the result buffer. */
const struct tl_result *
tl_run(int link, const char *hex)
{
	tl_load(hex);
	tl_prefixes(link, tl_frame, tl_frame_len);
	return tl_dissect(link, tl_frame, tl_frame_len, 0);
}

/* The fast pass over a hex frame; the summary lives until the next call. */
const struct pkt_info *
tl_summary(int link, const char *hex)
{
	static struct pkt_info pi;

	tl_load(hex);
	tl_fast(link, tl_frame, tl_frame_len, &pi);
	return &pi;
}

/* Compare each wanted field, naming the field when it differs. */
void
tl_check_fields(const struct tl_result *r, const struct tl_want *want,
    size_t n, bool joined, const char *file, int line)
{
	const struct tl_want *w;
	const char *got;
	bool ok;

	for (w = want; w < want + n; w++) {
		got = joined ? tl_all(r, w->name) : tl_get(r, w->name);
		if (w->value == NULL)
			ok = tl_find(r, w->name) == NULL;
		else
			ok = got != NULL && strcmp(got, w->value) == 0;
		if (ok) {
			tl_passed++;
			continue;
		}
		tl_failed++;
		fprintf(stderr, "%s:%d: FAIL: field %s is \"%s\", want \"%s\"\n",
		    file, line, w->name, got != NULL ? got : "(absent)",
		    w->value != NULL ? w->value : "(absent)");
	}
}

/* Print the totals; main() returns this. */
int
tl_done(void)
{
	printf("%d passed, %d failed\n", tl_passed, tl_failed);
	return tl_failed == 0 ? 0 : 1;
}
