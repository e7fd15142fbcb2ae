/*
 * Records of occurrences: what dfilter_eval() reads.  A record belongs
 * to one filter (its slots) and is reused from item to item: reset
 * forgets the occurrences but keeps the memory, so a record in steady
 * use allocates nothing.  Bytes are copied into chunks that never move
 * until the reset, so values may point at them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dfilter/dfilter_impl.h"
#include "util.h"

#define CHUNK_MIN	4096

void *
df_arena_alloc(struct df_arena *a, size_t n)
{
	struct df_chunk *c;
	size_t cap;

	if (n == 0)
		n = 1;
	while (a->cur < a->n) {
		c = &a->chunks[a->cur];
		if (c->cap - a->used >= n) {
			a->used += n;
			return c->p + a->used - n;
		}
		a->cur++;
		a->used = 0;
	}
	/* A new chunk at the end, at least twice the last one. */
	cap = a->n > 0 ? a->chunks[a->n - 1].cap * 2 : CHUNK_MIN;
	while (cap < n)
		cap *= 2;
	a->chunks = xrealloc(a->chunks, (size_t)(a->n + 1) * sizeof *a->chunks);
	a->chunks[a->n].p = xmalloc(cap);
	a->chunks[a->n].cap = cap;
	a->cur = a->n++;
	a->used = n;
	return a->chunks[a->cur].p;
}

void
df_arena_reset(struct df_arena *a)
{
	a->cur = 0;
	a->used = 0;
}

void
df_arena_free(struct df_arena *a)
{
	int i;

	for (i = 0; i < a->n; i++)
		free(a->chunks[i].p);
	free(a->chunks);
	memset(a, 0, sizeof *a);
}

struct df_record *
df_record_new(const struct dfilter *df)
{
	struct df_record *r = xcalloc(1, sizeof *r);
	int n = df->nslots > 0 ? df->nslots : 1;

	r->nslots = df->nslots;
	r->head = xcalloc((size_t)n, sizeof *r->head);
	r->tail = xcalloc((size_t)n, sizeof *r->tail);
	r->count = xcalloc((size_t)n, sizeof *r->count);
	r->scratch = xcalloc(1, sizeof *r->scratch);
	df_record_reset(r);
	return r;
}

void
df_record_free(struct df_record *r)
{
	if (r == NULL)
		return;
	free(r->head);
	free(r->tail);
	free(r->count);
	free(r->occ);
	df_arena_free(&r->arena);
	free(r->scratch->vals);
	df_arena_free(&r->scratch->joined);
	free(r->scratch);
	free(r);
}

void
df_record_reset(struct df_record *r)
{
	int i;

	for (i = 0; i < r->nslots; i++) {
		r->head[i] = r->tail[i] = -1;
		r->count[i] = 0;
	}
	r->nocc = 0;
	r->layer = 1;
	df_arena_reset(&r->arena);
}

void
df_record_layer(struct df_record *r, int layer)
{
	r->layer = layer;
}

/* A new occurrence of slot, linked at its end. */
static struct df_val *
occ_add(struct df_record *r, int slot)
{
	struct df_occ *o;

	if (r->nocc == r->capocc) {
		r->capocc = r->capocc ? r->capocc * 2 : 64;
		r->occ = xrealloc(r->occ, (size_t)r->capocc * sizeof *r->occ);
	}
	o = &r->occ[r->nocc];
	memset(o, 0, sizeof *o);
	o->next = -1;
	o->v.layer = (uint16_t)(r->layer > 65535 ? 65535 : r->layer);
	if (r->tail[slot] >= 0)
		r->occ[r->tail[slot]].next = r->nocc;
	else
		r->head[slot] = r->nocc;
	r->tail[slot] = r->nocc;
	r->count[slot]++;
	return &r->occ[r->nocc++].v;
}

/* A copy of n bytes at p in the arena. */
static const uint8_t *
keep(struct df_record *r, const uint8_t *p, size_t n)
{
	uint8_t *b = df_arena_alloc(&r->arena, n);

	if (n > 0)
		memcpy(b, p, n);
	return b;
}

void
df_record_add(struct df_record *r, int slot, const struct field_value *v)
{
	struct df_val *d;
	const struct field_def *def = v->def;

	if (slot < 0 || slot >= r->nslots || def == NULL)
		return;
	d = occ_add(r, slot);
	d->kind = (uint8_t)df_kind_of(def->type);
	/* len() of a number is the bytes it covers in the item. */
	d->n = v->len;
	switch (def->type) {
	case FT_UINT:
	case FT_BOOL:
		d->u = def->type == FT_BOOL ? v->u != 0 : v->u;
		break;
	case FT_INT:
		d->i = (int64_t)v->u;
		break;
	case FT_IPV4:
		d->prefix = 32;
		if (v->p != NULL && v->n >= 4) {
			d->u = (uint64_t)v->p[0] << 24 |
			    (uint64_t)v->p[1] << 16 | (uint64_t)v->p[2] << 8 |
			    v->p[3];
			d->p = keep(r, v->p, 4);
		} else
			d->p = keep(r, (const uint8_t *)"\0\0\0\0", 4);
		d->n = 4;
		break;
	case FT_IPV6:
	case FT_ETHER:
		d->prefix = 128;
		d->n = def->type == FT_IPV6 ? 16 : 6;
		if (v->p != NULL && v->n >= d->n)
			d->p = keep(r, v->p, d->n);
		else {
			d->p = df_arena_alloc(&r->arena, d->n);
			memset((uint8_t *)d->p, 0, d->n);
		}
		break;
	case FT_STRING:
	case FT_BYTES:
		d->p = keep(r, v->p, v->p != NULL ? v->n : 0);
		d->n = v->p != NULL ? v->n : 0;
		break;
	case FT_DOUBLE:
		d->d = v->dbl;
		break;
	case FT_TIME:
		d->i = (int64_t)v->u;
		d->ns = (int32_t)v->aux;
		break;
	case FT_RELTIME:
		d->i = (int64_t)v->u;
		d->ns = (int32_t)v->aux;
		break;
	default:
		break;
	}
}

/* A protocol occurrence: its n bytes of header at p, all bytes to the end
   of what it carries; copied into the record's arena or, for bytes that
   outlive the evaluation, referred to. */
static void
add_proto(struct df_record *r, int slot, const uint8_t *p, size_t n,
    size_t all, bool copy)
{
	struct df_val *d;

	if (slot < 0 || slot >= r->nslots)
		return;
	d = occ_add(r, slot);
	d->kind = K_PROTO;
	d->p = copy ? keep(r, p, all > n ? all : n) : p;
	d->n = n;
	d->all = all;
}

void
df_record_add_proto_in(struct df_record *r, int slot, const uint8_t *p,
    size_t n, size_t all)
{
	add_proto(r, slot, p, n, all, true);
}

void
df_record_add_proto_ref(struct df_record *r, int slot, const uint8_t *p,
    size_t n, size_t all)
{
	add_proto(r, slot, p, n, all, false);
}

void
df_record_add_proto(struct df_record *r, int slot, const uint8_t *p,
    size_t n)
{
	df_record_add_proto_in(r, slot, p, n, n);
}
