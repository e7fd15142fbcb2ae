/*
 * Evaluation of a compiled display filter on a record, with tshark 4.0's
 * meaning for fields that occur several times (or not at all):
 *
 *   a == b, >, <, contains, matches, in   some occurrence satisfies it
 *   a != b   (all_ne)   every occurrence differs (and there is one)
 *   a === b  (all_eq)   every occurrence equals (and there is one)
 *   a !== b  (any_ne)   some occurrence differs
 *   a not in s          not (a in s): true when a is absent
 *
 * Value nodes write their lists of values into the record's scratch
 * array, one after another (a comparison's left list, then its right);
 * the scratch grows on the first items that need more and then stays.
 */
#include "config.h"

#include <string.h>

#include "dfilter/dfilter_impl.h"
#include "util.h"

/* Room for n values from base on. */
static void
reserve(struct df_scratch *sc, size_t need)
{
	if (need <= sc->cap)
		return;
	while (sc->cap < need)
		sc->cap = sc->cap ? sc->cap * 2 : 64;
	sc->vals = xrealloc(sc->vals, sc->cap * sizeof *sc->vals);
}

/* Compare two integers of any signedness. */
static int
cmp_int(const struct df_val *a, const struct df_val *b)
{
	bool an = a->kind == K_INT && a->i < 0, bn = b->kind == K_INT &&
	    b->i < 0;
	uint64_t au, bu;

	/* A negative literal against an unsigned field: tshark takes it
	   and finds it neither equal, nor smaller, nor larger. */
	if ((an && b->kind == K_UINT) || (bn && a->kind == K_UINT))
		return DF_UNORDERED;
	if (an != bn)
		return an ? -1 : 1;
	if (an) {
		return a->i < b->i ? -1 : a->i > b->i;
	}
	au = a->kind == K_INT ? (uint64_t)a->i : a->u;
	bu = b->kind == K_INT ? (uint64_t)b->i : b->u;
	return au < bu ? -1 : au > bu;
}

/* Bytes compare as tshark's: the shorter first, then by content. */
static int
cmp_bytes(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	int c;

	if (an != bn)
		return an < bn ? -1 : 1;
	c = an > 0 ? memcmp(a, b, an) : 0;
	return c < 0 ? -1 : c > 0;
}

/* Strings compare as strcmp() does. */
static int
cmp_string(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	int c = n > 0 ? memcmp(a, b, n) : 0;

	if (c != 0)
		return c < 0 ? -1 : 1;
	return an < bn ? -1 : an > bn;
}

/* IPv6 addresses compared on their first bits bits. */
static int
cmp_ipv6(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned i, full = bits / 8, rest = bits % 8;
	uint8_t m, x, y;

	for (i = 0; i < full; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	if (rest > 0 && full < 16) {
		m = (uint8_t)(0xff << (8 - rest));
		x = a[full] & m;
		y = b[full] & m;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

int
df_val_cmp(const struct df_val *a, const struct df_val *b)
{
	unsigned bits;
	uint32_t m;

	switch (a->kind) {
	case K_UINT:
	case K_INT:
	case K_BOOL:
		return cmp_int(a, b);
	case K_DOUBLE:
		return a->d < b->d ? -1 : a->d > b->d ? 1 :
		    a->d == b->d ? 0 : DF_UNORDERED;
	case K_TIME:
	case K_RELTIME:
		if (a->i != b->i)
			return a->i < b->i ? -1 : 1;
		return a->ns < b->ns ? -1 : a->ns > b->ns;
	case K_IPV4:
		bits = a->prefix < b->prefix ? a->prefix : b->prefix;
		m = bits == 0 ? 0 : (uint32_t)0xffffffffu << (32 - bits);
		return (a->u & m) < (b->u & m) ? -1 : (a->u & m) > (b->u & m);
	case K_IPV6:
		bits = a->prefix < b->prefix ? a->prefix : b->prefix;
		return cmp_ipv6(a->p, b->p, bits);
	case K_STRING:
		return cmp_string(a->p, a->n, b->p, b->n);
	default:
		return cmp_bytes(a->p, a->n, b->p, b->n);
	}
}

bool
df_val_contains(const struct df_val *a, const struct df_val *b)
{
	size_t n = a->kind == K_PROTO ? a->all : a->n;

	if (b->n == 0)
		return true;
	return n >= b->n && memmem(a->p, n, b->p, b->n) != NULL;
}

/* Does a op b hold for one pair? */
static bool
pair(enum df_op op, const struct df_val *a, const struct df_val *b)
{
	int c;

	if (op == OP_CONTAINS)
		return df_val_contains(a, b);
	c = df_val_cmp(a, b);
	if (c == DF_UNORDERED)
		return op == OP_NE || op == OP_ANY_NE;
	switch (op) {
	case OP_EQ:
	case OP_ALL_EQ:
		return c == 0;
	case OP_NE:
	case OP_ANY_NE:
		return c != 0;
	case OP_GT:
		return c > 0;
	case OP_GE:
		return c >= 0;
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	default:
		return false;
	}
}

/* Bytes of value v that slices cut (an address's too): n is the length
   positions count from, avail how many of them there are (a protocol's
   data may end before its item: a raw IP frame cut by the datagram). */
static void
value_bytes(const struct df_val *v, const uint8_t **p, size_t *n,
    size_t *avail)
{
	*p = v->p;
	*n = v->n;
	*avail = v->kind == K_PROTO && v->all < v->n ? v->all : v->n;
}

/* Cut slice sl from v in place; false when a range falls outside. */
static bool
slice_value(struct df_scratch *sc, const struct df_slice *sl,
    struct df_val *v)
{
	const uint8_t *p;
	size_t n, avail, total = 0, at = 0, start[DF_MAX_RANGES];
	size_t len[DF_MAX_RANGES];
	uint8_t *out;
	int64_t s, l;
	int i;

	value_bytes(v, &p, &n, &avail);
	for (i = 0; i < sl->n; i++) {
		s = sl->r[i].start;
		if (s < 0)
			s += (int64_t)n;
		if (s < 0 || (uint64_t)s > n)
			return false;
		l = sl->r[i].len < 0 ? (int64_t)n - s : sl->r[i].len;
		if ((uint64_t)(s + l) > avail || (l == 0 && sl->r[i].len != 0))
			return false;
		start[i] = (size_t)s;
		len[i] = (size_t)l;
		total += len[i];
	}
	v->kind = K_BYTES;
	if (sl->n == 1) {
		v->p = p + start[0];
		v->n = len[0];
		return true;
	}
	out = df_arena_alloc(&sc->joined, total);
	for (i = 0; i < sl->n; i++) {
		memcpy(out + at, p + start[i], len[i]);
		at += len[i];
	}
	v->p = out;
	v->n = total;
	return true;
}

/* v & mask for bytes: as long as the shorter of the two. */
static void
bytes_and(struct df_scratch *sc, struct df_val *v, const struct df_val *mask)
{
	size_t n = v->n < mask->n ? v->n : mask->n, i;
	uint8_t *out = df_arena_alloc(&sc->joined, n);

	for (i = 0; i < n; i++)
		out[i] = v->p[i] & mask->p[i];
	v->kind = K_BYTES;
	v->p = out;
	v->n = v->all = n;
}

/* The values of value node i, written from base on; returns how many. */
static size_t
values(const struct dfilter *df, const struct df_record *r, int i,
    size_t base)
{
	const struct df_node *n = &df->nodes[i];
	struct df_scratch *sc = r->scratch;
	struct df_val *v;
	size_t k, m, out;
	int o;

	switch (n->type) {
	case N_FIELD:
		reserve(sc, base + (size_t)r->count[n->slot]);
		out = base;
		for (o = r->head[n->slot]; o >= 0; o = r->occ[o].next) {
			if (n->layer > 0 && r->occ[o].v.layer != n->layer)
				continue;
			sc->vals[out++] = r->occ[o].v;
		}
		return out - base;
	case N_SLICE:
		m = values(df, r, n->a, base);
		for (k = out = 0; k < m; k++) {
			v = &sc->vals[base + k];
			if (slice_value(sc, &n->slice, v))
				sc->vals[base + out++] = *v;
		}
		return out;
	case N_BITAND:
		m = values(df, r, n->a, base);
		for (k = 0; k < m; k++) {
			v = &sc->vals[base + k];
			if (n->kind == K_BYTES) {
				bytes_and(sc, v, &n->lit);
				continue;
			}
			v->u &= n->lit.kind == K_INT ? (uint64_t)n->lit.i :
			    n->lit.u;
			v->i &= n->lit.kind == K_INT ? n->lit.i :
			    (int64_t)n->lit.u;
		}
		return m;
	case N_LEN:
		m = values(df, r, n->a, base);
		for (k = 0; k < m; k++) {
			v = &sc->vals[base + k];
			v->u = v->n;
			v->kind = K_UINT;
		}
		return m;
	case N_COUNT:
		m = values(df, r, n->a, base);
		if (m == 0)
			return 0;
		v = &sc->vals[base];
		memset(v, 0, sizeof *v);
		v->kind = K_UINT;
		v->u = m;
		return 1;
	case N_LITERAL:
		reserve(sc, base + 1);
		sc->vals[base] = n->lit;
		return 1;
	default:
		return 0;
	}
}

/* Is value v non-zero (a & b as a test)? */
static bool
nonzero(const struct df_val *v)
{
	size_t i;

	if (v->kind == K_BYTES) {
		for (i = 0; i < v->n; i++)
			if (v->p[i] != 0)
				return true;
		return false;
	}
	return v->kind == K_INT ? v->i != 0 : v->u != 0;
}

static bool
eval_cmp(const struct dfilter *df, const struct df_record *r,
    const struct df_node *n)
{
	struct df_val *a, *b;
	size_t na, nb, i, j;
	enum df_op op = (enum df_op)n->op;

	na = values(df, r, n->a, 0);
	if (na == 0)
		return false;
	nb = values(df, r, n->b, na);
	if (nb == 0)
		return false;
	a = r->scratch->vals;
	b = a + na;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++) {
			if (pair(op, &a[i], &b[j])) {
				if (op != OP_NE && op != OP_ALL_EQ)
					return true;
			} else if (op == OP_NE || op == OP_ALL_EQ)
				return false;
		}
	return op == OP_NE || op == OP_ALL_EQ;
}

static bool
eval_in(const struct dfilter *df, const struct df_record *r,
    const struct df_node *n)
{
	const struct df_elem *e;
	struct df_val *v;
	size_t m, k;
	int j, lo, hi;

	m = values(df, r, n->a, 0);
	v = r->scratch->vals;
	for (k = 0; k < m; k++)
		for (j = 0; j < n->nset; j++) {
			e = &df->sets[n->set + j];
			lo = df_val_cmp(&v[k], &e->lo);
			if (!e->range) {
				if (lo == 0)
					return true;
				continue;
			}
			hi = df_val_cmp(&v[k], &e->hi);
			if (lo != DF_UNORDERED && hi != DF_UNORDERED &&
			    lo >= 0 && hi <= 0)
				return true;
		}
	return false;
}

static bool
eval_matches(const struct dfilter *df, const struct df_record *r,
    const struct df_node *n)
{
	struct df_val *v;
	size_t m, k, len;

	m = values(df, r, n->a, 0);
	v = r->scratch->vals;
	for (k = 0; k < m; k++) {
		len = v[k].kind == K_PROTO ? v[k].all : v[k].n;
		if (pcre2_match(n->re, v[k].p != NULL ? v[k].p :
		    (PCRE2_SPTR)"", len, 0, 0, n->md, NULL) >= 0)
			return true;
	}
	return false;
}

static bool
eval(const struct dfilter *df, const struct df_record *r, int i)
{
	const struct df_node *n = &df->nodes[i];
	struct df_val *v;
	size_t m, k;

	switch (n->type) {
	case N_AND:
		return eval(df, r, n->a) && eval(df, r, n->b);
	case N_OR:
		return eval(df, r, n->a) || eval(df, r, n->b);
	case N_NOT:
		return !eval(df, r, n->a);
	case N_TEST:
		m = values(df, r, n->a, 0);
		if (df->nodes[n->a].type != N_BITAND)
			return m > 0;
		v = r->scratch->vals;
		for (k = 0; k < m; k++)
			if (nonzero(&v[k]))
				return true;
		return false;
	case N_CMP:
		return eval_cmp(df, r, n);
	case N_IN:
		return eval_in(df, r, n);
	case N_MATCHES:
		return eval_matches(df, r, n);
	default:
		return false;
	}
}

bool
dfilter_eval(const struct dfilter *df, const struct df_record *r)
{
	if (df->root < 0)
		return true;
	df_arena_reset(&r->scratch->joined);
	return eval(df, r, df->root);
}
