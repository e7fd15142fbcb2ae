/*
 * The display-filter parser: tokens into a checked, typed tree.
 *
 * Precedence as tshark 4.0: not binds tighter than and, and tighter than
 * or ("a or b and c" is "a or (b and c)").
 *
 *   expr     := and { (or | ||) and }
 *   and      := unary { (and | &&) unary }
 *   unary    := (not | !) unary | "(" expr ")" | relation
 *   relation := value [ cmpop value | in set | not in set | matches string ]
 *   value    := atom [ & atom ]
 *   atom     := name [# layer] [slice]... | literal | func "(" name ")"
 *   set      := "{" item { "," item } "}"      item := literal [.. literal]
 *
 * A word is a field when the namespace knows it as one, else a protocol,
 * else a literal, typed by what it is compared with.  Every literal is
 * converted here, so evaluation never parses text.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/proto.h"
#include "dfilter/dfilter_impl.h"
#include "util.h"

/* Names closer than this (edit distance) are offered as "did you mean". */
#define SUGGEST_MAX	3
/* Parentheses and nots nest at most this deep (the parser recurses). */
#define NEST_MAX	200

struct parser {
	struct dfilter		*df;
	const struct df_token	*t;
	int			 pos, n;
	const struct df_names	*ns;
	int			 nest;
	char			*cause;
};

/* An operand: a value node, or a literal token not yet typed. */
struct operand {
	int			 node;	/* -1 for a literal */
	const struct df_token	*lit;
	int			 col;
};

static int	parse_or(struct parser *);

static const struct df_token *
peek(struct parser *p)
{
	return &p->t[p->pos];
}

static const struct df_token *
next(struct parser *p)
{
	const struct df_token *t = &p->t[p->pos];

	if (t->type != T_END)
		p->pos++;
	return t;
}

/* Fail at column col (0: at the end) with a printf-style message. */
static int
perr(struct parser *p, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
perr(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (p->cause != NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->cause = xasprintf("display filter: %s at column %d", msg, col);
	return -1;
}

/* How a token reads in a message. */
static const char *
tok_text(const struct df_token *t, char *buf, size_t size)
{
	static const char *const names[] = {
		[T_LPAREN] = "(", [T_RPAREN] = ")", [T_LBRACE] = "{",
		[T_RBRACE] = "}", [T_COMMA] = ",", [T_DOTDOT] = "..",
		[T_SLICE] = "[", [T_HASH] = "#", [T_AND] = "and",
		[T_OR] = "or", [T_NOT] = "not", [T_EQ] = "==", [T_NE] = "!=",
		[T_ALL_EQ] = "===", [T_ANY_NE] = "!==", [T_GT] = ">",
		[T_GE] = ">=", [T_LT] = "<", [T_LE] = "<=",
		[T_CONTAINS] = "contains", [T_MATCHES] = "matches",
		[T_IN] = "in", [T_BITAND] = "&",
	};

	if (t->type == T_WORD)
		snprintf(buf, size, "%s", t->text);
	else if (t->type == T_STRING)
		snprintf(buf, size, "\"%s\"", t->text);
	else if (t->type == T_CHAR)
		snprintf(buf, size, "character constant");
	else if (t->type < nitems(names) && names[t->type] != NULL)
		snprintf(buf, size, "%s", names[t->type]);
	else
		snprintf(buf, size, "?");
	return buf;
}

/* The token t is not what the grammar wants here. */
static int
unexpected(struct parser *p, const struct df_token *t)
{
	char buf[128];

	if (t->type == T_END)
		return perr(p, t->col, "unexpected end of expression");
	return perr(p, t->col, "'%s' was unexpected", tok_text(t, buf,
	    sizeof buf));
}

/* A new node of type at col; returns its index. */
static int
node_new(struct parser *p, enum df_node_type type, int col)
{
	struct dfilter *df = p->df;
	struct df_node *n;

	if (df->nnodes == df->capnodes) {
		df->capnodes = df->capnodes ? df->capnodes * 2 : 16;
		df->nodes = xrealloc(df->nodes,
		    (size_t)df->capnodes * sizeof *df->nodes);
	}
	n = &df->nodes[df->nnodes];
	memset(n, 0, sizeof *n);
	n->type = (uint8_t)type;
	n->a = n->b = -1;
	n->slot = -1;
	n->col = col;
	return df->nnodes++;
}

#define NODE(p, i)	(&(p)->df->nodes[(i)])

/* The slot of a field or protocol, added on first use. */
static int
slot_of(struct parser *p, const struct field_def *def, int proto)
{
	struct dfilter *df = p->df;
	int i;

	for (i = 0; i < df->nslots; i++)
		if (df->slots[i].def == def && df->slots[i].proto == proto)
			return i;
	if (df->nslots == df->capslots) {
		df->capslots = df->capslots ? df->capslots * 2 : 8;
		df->slots = xrealloc(df->slots,
		    (size_t)df->capslots * sizeof *df->slots);
	}
	df->slots[df->nslots].def = def;
	df->slots[df->nslots].proto = proto;
	return df->nslots++;
}

/* ---- "did you mean" ---- */

struct suggest {
	const char	*word;
	const char	*best;
	char		 bestbuf[128];
	int		 dist;
};

/* Edit distance of a and b (insertions, deletions, substitutions and
   swaps of neighbours), or a large number when clearly far apart. */
static int
edit_distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), i, j, c, v;
	int d[64][64];

	if (la >= 63 || lb >= 63 || abs(la - lb) > SUGGEST_MAX)
		return 1000;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			c = a[i - 1] == b[j - 1] ? 0 : 1;
			v = d[i - 1][j - 1] + c;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

static void
suggest_one(const char *name, void *arg)
{
	struct suggest *s = arg;
	int d = edit_distance(s->word, name);

	if (d < s->dist) {
		s->dist = d;
		snprintf(s->bestbuf, sizeof s->bestbuf, "%s", name);
		s->best = s->bestbuf;
	}
}

/* The known name closest to word, or NULL. */
static const char *
suggest(struct parser *p, const char *word, struct suggest *s)
{
	memset(s, 0, sizeof *s);
	s->word = word;
	s->dist = SUGGEST_MAX + 1;
	if (strlen(word) < 3 || p->ns->each == NULL)
		return NULL;
	/* Short words get fewer edits: "ip" is not a typo of "tcp". */
	if (strlen(word) <= 4)
		s->dist = 2;
	p->ns->each(suggest_one, s, p->ns->arg);
	return s->best;
}

/* Does word look like a name rather than a literal? */
static bool
looks_like_name(const char *w)
{
	bool letters = false;

	for (; *w != '\0'; w++) {
		if ((*w >= 'g' && *w <= 'z') || (*w >= 'G' && *w <= 'Z') ||
		    *w == '_')
			letters = true;
		else if (*w == ':' || *w == '/')
			return false;
	}
	return letters;
}

/* A literal stands where a field must: say which. */
static int
not_a_field(struct parser *p, const struct df_token *t, const char *where)
{
	struct suggest s;
	char buf[128];

	if (t->type == T_WORD && suggest(p, t->text, &s) != NULL)
		return perr(p, t->col, "'%s' is not a field (did you mean "
		    "%s?)", t->text, s.best);
	if (t->type == T_WORD && looks_like_name(t->text))
		return perr(p, t->col, "'%s' is neither a field nor a "
		    "protocol", t->text);
	return perr(p, t->col, "%s must be a field or function, not '%s'",
	    where, tok_text(t, buf, sizeof buf));
}

/* ---- Values ---- */

/* The name of a value node, for messages. */
static const char *
value_name(struct parser *p, int i)
{
	const struct df_node *n = NODE(p, i);

	while (n->type != N_FIELD && n->a >= 0)
		n = NODE(p, n->a);
	if (n->def != NULL)
		return n->def->name;
	if (n->slot >= 0 && p->df->slots[n->slot].proto >= 0)
		return proto_defs[p->df->slots[n->slot].proto].filter;
	return "the value";
}

/* Can values of kind k be sliced into bytes? */
static bool
sliceable(enum df_kind k)
{
	return k == K_BYTES || k == K_STRING || k == K_ETHER ||
	    k == K_IPV4 || k == K_IPV6 || k == K_PROTO;
}

/* A field or protocol name, with its # layer and slices. */
static int
parse_name(struct parser *p, const struct df_token *t, const
    struct field_def *def, int proto, struct operand *o)
{
	const struct df_token *l;
	struct df_node *n;
	char *end;
	long layer;
	int i, s;

	i = node_new(p, N_FIELD, t->col);
	n = NODE(p, i);
	n->def = def;
	n->kind = (uint8_t)(def != NULL ? df_kind_of(def->type) : K_PROTO);
	n->slot = slot_of(p, def, proto);
	if (n->kind == K_NONE)
		return perr(p, t->col, "'%s' is a text label and has no "
		    "value", t->text);
	if (peek(p)->type == T_HASH) {
		next(p);
		l = next(p);
		if (l->type != T_WORD)
			return unexpected(p, l);
		layer = strtol(l->text, &end, 10);
		if (*end != '\0' || layer < 1 || layer > 65535)
			return perr(p, l->col, "bad layer number '%s' (want "
			    "1 or more)", l->text);
		NODE(p, i)->layer = (int)layer;
	}
	while (peek(p)->type == T_SLICE) {
		l = next(p);
		if (!sliceable(NODE(p, i)->kind))
			return perr(p, t->col, "'%s' is %s and cannot be "
			    "sliced", t->text, df_kind_name(NODE(p, i)->kind,
			    def));
		s = node_new(p, N_SLICE, t->col);
		n = NODE(p, s);
		n->a = i;
		n->kind = K_BYTES;
		n->slice = l->slice;
		n->def = def;
		i = s;
	}
	o->node = i;
	o->lit = NULL;
	o->col = t->col;
	return 0;
}

/* len(field) or count(field). */
static int
parse_func(struct parser *p, const struct df_token *t, struct operand *o)
{
	const struct df_token *a;
	const struct field_def *def;
	struct operand arg;
	enum df_node_type type;
	int proto, i;

	if (strcmp(t->text, "len") == 0)
		type = N_LEN;
	else if (strcmp(t->text, "count") == 0)
		type = N_COUNT;
	else
		return perr(p, t->col, "'%s' is not a function (there are "
		    "len() and count())", t->text);
	next(p);			/* ( */
	a = next(p);
	if (a->type != T_WORD)
		return a->type == T_END ? unexpected(p, a) : perr(p, a->col,
		    "%s() takes a field", t->text);
	def = p->ns->field(a->text, p->ns->arg);
	proto = def == NULL && p->ns->proto != NULL ?
	    p->ns->proto(a->text, p->ns->arg) : -1;
	if (def == NULL && proto < 0)
		return not_a_field(p, a, "the argument");
	if (parse_name(p, a, def, proto, &arg) != 0)
		return -1;
	if (NODE(p, arg.node)->type != N_FIELD)
		return perr(p, a->col, "%s() takes a field, not a slice",
		    t->text);
	if (next(p)->type != T_RPAREN)
		return unexpected(p, &p->t[p->pos - 1]);
	i = node_new(p, type, t->col);
	NODE(p, i)->a = arg.node;
	NODE(p, i)->kind = K_UINT;
	o->node = i;
	o->lit = NULL;
	o->col = t->col;
	return 0;
}

/* An atom: a name, a function or a literal. */
static int
parse_atom(struct parser *p, struct operand *o)
{
	const struct df_token *t = next(p);
	const struct field_def *def;
	int proto;

	o->node = -1;
	o->lit = NULL;
	o->col = t->col;
	switch (t->type) {
	case T_WORD:
		if (peek(p)->type == T_LPAREN)
			return parse_func(p, t, o);
		def = p->ns->field(t->text, p->ns->arg);
		proto = def == NULL && p->ns->proto != NULL ?
		    p->ns->proto(t->text, p->ns->arg) : -1;
		if (def != NULL || proto >= 0)
			return parse_name(p, t, def, proto, o);
		o->lit = t;
		if (peek(p)->type == T_SLICE || peek(p)->type == T_HASH)
			return not_a_field(p, t, "a slice's operand");
		return 0;
	case T_STRING:
	case T_CHAR:
		o->lit = t;
		return 0;
	default:
		return unexpected(p, t);
	}
}

/* Convert literal t to kind k for value node v (a message on error). */
static int
convert_as(struct parser *p, const struct df_token *t, int v,
    enum df_kind k, struct df_val *out)
{
	const struct df_node *n = NODE(p, v);
	char *msg = NULL;

	if (df_literal(t, k, n->type == N_FIELD ||
	    n->type == N_BITAND ? n->def : NULL, p->ns, &p->df->pool, out,
	    &msg) != 0) {
		perr(p, t->col, "%s", msg);
		free(msg);
		return -1;
	}
	return 0;
}

/* Convert literal t to the kind of value node v. */
static int
convert(struct parser *p, const struct df_token *t, int v,
    struct df_val *out)
{
	return convert_as(p, t, v, (enum df_kind)NODE(p, v)->kind, out);
}

/* A literal node of kind k from token t, compared with value node v. */
static int
literal_node(struct parser *p, const struct df_token *t, int v,
    enum df_kind k)
{
	struct df_val val;
	int i;

	if (convert_as(p, t, v, k, &val) != 0)
		return -1;
	i = node_new(p, N_LITERAL, t->col);
	NODE(p, i)->lit = val;
	NODE(p, i)->kind = val.kind;
	return i;
}

/* value := atom [& atom] */
static int
parse_value(struct parser *p, struct operand *o)
{
	const struct df_token *amp, *m;
	struct df_val mask;
	enum df_kind k;
	int i;

	if (parse_atom(p, o) != 0)
		return -1;
	if (peek(p)->type != T_BITAND)
		return 0;
	amp = next(p);
	if (o->node < 0)
		return not_a_field(p, o->lit, "the left side of '&'");
	k = (enum df_kind)NODE(p, o->node)->kind;
	if (k != K_UINT && k != K_INT && k != K_BOOL && k != K_BYTES &&
	    k != K_ETHER && k != K_PROTO)
		return perr(p, o->col, "'%s' is %s and cannot be used with "
		    "'&'", value_name(p, o->node), df_kind_name(k,
		    NODE(p, o->node)->def));
	m = next(p);
	if (m->type != T_WORD && m->type != T_CHAR)
		return m->type == T_END || m->type != T_STRING ?
		    unexpected(p, m) : perr(p, m->col, "'&' takes a number, "
		    "not a string");
	if (m->type == T_WORD && (p->ns->field(m->text, p->ns->arg) != NULL ||
	    (p->ns->proto != NULL && p->ns->proto(m->text, p->ns->arg) >= 0)))
		return perr(p, m->col, "'&' takes a number, not a field");
	if (convert(p, m, o->node, &mask) != 0)
		return -1;
	i = node_new(p, N_BITAND, amp->col);
	NODE(p, i)->a = o->node;
	/* Bytes and bytes give the bytes both have set. */
	NODE(p, i)->kind = (uint8_t)(k == K_ETHER || k == K_PROTO ? K_BYTES :
	    k);
	NODE(p, i)->def = NODE(p, o->node)->def;
	NODE(p, i)->lit = mask;
	o->node = i;
	return 0;
}

/* The class kinds belong to when two values are compared. */
static int
kind_class(enum df_kind k)
{
	switch (k) {
	case K_UINT: case K_INT: case K_BOOL:
		return 1;
	case K_BYTES: case K_ETHER: case K_PROTO:
		return 2;
	default:
		return 10 + (int)k;
	}
}

/* May values of kind k meet operator op? */
static bool
op_allowed(enum df_kind k, enum df_tok op)
{
	switch (op) {
	case T_CONTAINS:
		return k == K_BYTES || k == K_STRING || k == K_ETHER ||
		    k == K_PROTO;
	case T_MATCHES:
		return k == K_BYTES || k == K_STRING || k == K_ETHER ||
		    k == K_PROTO;
	default:
		return true;
	}
}

static const char *
op_word(enum df_tok op)
{
	switch (op) {
	case T_EQ: return "==";
	case T_NE: return "!=";
	case T_ALL_EQ: return "===";
	case T_ANY_NE: return "!==";
	case T_GT: return ">";
	case T_GE: return ">=";
	case T_LT: return "<";
	case T_LE: return "<=";
	case T_CONTAINS: return "contains";
	case T_MATCHES: return "matches";
	case T_IN: return "in";
	default: return "?";
	}
}

/* matches "regex": compiled now, caseless as Wireshark's. */
static int
parse_matches(struct parser *p, struct operand *a, const struct df_token *op)
{
	const struct df_token *t = next(p);
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE erroff;
	pcre2_code *re;
	int err, i;

	(void)op;
	if (t->type != T_STRING)
		return t->type == T_END ? unexpected(p, t) : perr(p, t->col,
		    "'matches' takes a quoted string");
	re = pcre2_compile((PCRE2_SPTR)t->text, t->n, PCRE2_CASELESS, &err,
	    &erroff, NULL);
	if (re == NULL) {
		pcre2_get_error_message(err, msg, sizeof msg);
		return perr(p, t->col, "bad regular expression: %s (at "
		    "offset %zu)", (char *)msg, (size_t)erroff);
	}
	i = node_new(p, N_MATCHES, a->col);
	NODE(p, i)->a = a->node;
	NODE(p, i)->re = re;
	NODE(p, i)->md = pcre2_match_data_create_from_pattern(re, NULL);
	if (NODE(p, i)->md == NULL)
		fatal("out of memory");
	return i;
}

/* in { items }: values of a's kind, or ranges of them. */
static int
parse_set(struct parser *p, struct operand *a)
{
	struct dfilter *df = p->df;
	const struct df_token *t, *hi;
	struct df_elem *e;
	int i, first = df->nsets, n = 0;

	t = next(p);
	if (t->type != T_LBRACE)
		return unexpected(p, t);
	for (;;) {
		t = next(p);
		if (t->type != T_WORD && t->type != T_STRING &&
		    t->type != T_CHAR)
			return unexpected(p, t);
		if (t->type == T_WORD && (p->ns->field(t->text,
		    p->ns->arg) != NULL || (p->ns->proto != NULL &&
		    p->ns->proto(t->text, p->ns->arg) >= 0)))
			return perr(p, t->col, "a set holds values, not "
			    "fields ('%s')", t->text);
		if (df->nsets == df->capsets) {
			df->capsets = df->capsets ? df->capsets * 2 : 8;
			df->sets = xrealloc(df->sets,
			    (size_t)df->capsets * sizeof *df->sets);
		}
		e = &df->sets[df->nsets++];
		memset(e, 0, sizeof *e);
		n++;
		if (convert(p, t, a->node, &e->lo) != 0)
			return -1;
		if (peek(p)->type == T_DOTDOT) {
			next(p);
			hi = next(p);
			if (hi->type != T_WORD && hi->type != T_STRING &&
			    hi->type != T_CHAR)
				return unexpected(p, hi);
			e = &df->sets[df->nsets - 1];
			if (convert(p, hi, a->node, &e->hi) != 0)
				return -1;
			e->range = true;
		}
		t = next(p);
		if (t->type == T_RBRACE)
			break;
		if (t->type != T_COMMA)
			return unexpected(p, t);
	}
	i = node_new(p, N_IN, a->col);
	NODE(p, i)->a = a->node;
	NODE(p, i)->set = first;
	NODE(p, i)->nset = n;
	return i;
}

/* relation := value [op value | in set | not in set | matches string] */
static int
parse_relation(struct parser *p)
{
	const struct df_token *op;
	struct operand a, b;
	enum df_kind ka, kb;
	int i, bn;
	bool negate = false;

	if (parse_value(p, &a) != 0)
		return -1;
	op = peek(p);
	if (op->type == T_NOT && p->t[p->pos + 1].type == T_IN) {
		next(p);
		op = peek(p);
		negate = true;
	}
	switch (op->type) {
	case T_EQ: case T_NE: case T_ALL_EQ: case T_ANY_NE:
	case T_GT: case T_GE: case T_LT: case T_LE:
	case T_CONTAINS: case T_MATCHES: case T_IN:
		break;
	default:
		/* A test: does the field (the slice, a & b) exist? */
		if (a.node < 0)
			return not_a_field(p, a.lit, "a test");
		if (NODE(p, a.node)->type == N_LEN ||
		    NODE(p, a.node)->type == N_COUNT)
			return perr(p, a.col, "a function's value cannot be "
			    "tested alone (compare it: len(x) > 2)");
		i = node_new(p, N_TEST, a.col);
		NODE(p, i)->a = a.node;
		return i;
	}
	next(p);
	if (a.node < 0) {
		char where[64];

		snprintf(where, sizeof where, "the left side of '%s'",
		    op_word(op->type));
		return not_a_field(p, a.lit, where);
	}
	ka = (enum df_kind)NODE(p, a.node)->kind;
	if (!op_allowed(ka, op->type))
		return perr(p, a.col, "'%s' (%s) cannot be used with '%s'",
		    value_name(p, a.node), df_kind_name(ka,
		    NODE(p, a.node)->def), op_word(op->type));
	if (op->type == T_MATCHES)
		return parse_matches(p, &a, op);
	if (op->type == T_IN) {
		i = parse_set(p, &a);
		if (i < 0 || !negate)
			return i;
		bn = node_new(p, N_NOT, a.col);
		NODE(p, bn)->a = i;
		return bn;
	}
	if (parse_value(p, &b) != 0)
		return -1;
	if (b.node < 0) {
		/* contains on a string takes a string; on bytes or a MAC
		   address, bytes of any length. */
		bn = literal_node(p, b.lit, a.node, op->type == T_CONTAINS &&
		    ka == K_ETHER ? K_BYTES : ka);
		if (bn < 0)
			return -1;
	} else {
		bn = b.node;
		kb = (enum df_kind)NODE(p, bn)->kind;
		if (kind_class(ka) != kind_class(kb))
			return perr(p, b.col, "'%s' (%s) and '%s' (%s) cannot "
			    "be compared", value_name(p, a.node),
			    df_kind_name(ka, NODE(p, a.node)->def),
			    value_name(p, bn), df_kind_name(kb,
			    NODE(p, bn)->def));
	}
	i = node_new(p, N_CMP, a.col);
	NODE(p, i)->a = a.node;
	NODE(p, i)->b = bn;
	switch (op->type) {
	case T_EQ: NODE(p, i)->op = OP_EQ; break;
	case T_NE: NODE(p, i)->op = OP_NE; break;
	case T_ALL_EQ: NODE(p, i)->op = OP_ALL_EQ; break;
	case T_ANY_NE: NODE(p, i)->op = OP_ANY_NE; break;
	case T_GT: NODE(p, i)->op = OP_GT; break;
	case T_GE: NODE(p, i)->op = OP_GE; break;
	case T_LT: NODE(p, i)->op = OP_LT; break;
	case T_LE: NODE(p, i)->op = OP_LE; break;
	default: NODE(p, i)->op = OP_CONTAINS; break;
	}
	return i;
}

/* unary := not unary | ( expr ) | relation */
static int
parse_unary(struct parser *p)
{
	const struct df_token *t = peek(p);
	int a, i;

	if ((t->type == T_NOT || t->type == T_LPAREN) && p->nest >= NEST_MAX)
		return perr(p, t->col, "the expression nests too deep");
	if (t->type == T_NOT) {
		next(p);
		p->nest++;
		a = parse_unary(p);
		p->nest--;
		if (a < 0)
			return -1;
		i = node_new(p, N_NOT, t->col);
		NODE(p, i)->a = a;
		return i;
	}
	if (t->type == T_LPAREN) {
		next(p);
		p->nest++;
		a = parse_or(p);
		p->nest--;
		if (a < 0)
			return -1;
		if (peek(p)->type != T_RPAREN) {
			if (peek(p)->type == T_END)
				return perr(p, t->col, "the parenthesis opened "
				    "here is not closed");
			return unexpected(p, peek(p));
		}
		next(p);
		return a;
	}
	return parse_relation(p);
}

static int
parse_and(struct parser *p)
{
	const struct df_token *t;
	int a, b, i;

	if ((a = parse_unary(p)) < 0)
		return -1;
	while (peek(p)->type == T_AND) {
		t = next(p);
		if ((b = parse_unary(p)) < 0)
			return -1;
		i = node_new(p, N_AND, t->col);
		NODE(p, i)->a = a;
		NODE(p, i)->b = b;
		a = i;
	}
	return a;
}

static int
parse_or(struct parser *p)
{
	const struct df_token *t;
	int a, b, i;

	if ((a = parse_and(p)) < 0)
		return -1;
	while (peek(p)->type == T_OR) {
		t = next(p);
		if ((b = parse_and(p)) < 0)
			return -1;
		i = node_new(p, N_OR, t->col);
		NODE(p, i)->a = a;
		NODE(p, i)->b = b;
		a = i;
	}
	return a;
}

int
df_parse(struct dfilter *df, const struct df_token *toks, int ntoks,
    const struct df_names *ns, char **cause)
{
	struct parser p;
	int root;

	memset(&p, 0, sizeof p);
	p.df = df;
	p.t = toks;
	p.n = ntoks;
	p.ns = ns;
	df->root = -1;
	if (toks[0].type == T_END)
		return 0;
	root = parse_or(&p);
	if (root >= 0 && peek(&p)->type != T_END) {
		if (peek(&p)->type == T_RPAREN)
			perr(&p, peek(&p)->col, "')' closes no parenthesis");
		else
			unexpected(&p, peek(&p));
		root = -1;
	}
	if (root < 0) {
		*cause = p.cause != NULL ? p.cause :
		    xstrdup("display filter: syntax error");
		return -1;
	}
	df->root = root;
	return 0;
}
