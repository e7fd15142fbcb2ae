/*
 * The display-filter engine's insides, shared by its files: tokens
 * (lex.c), the syntax tree (parse.c, checked and typed there), literals
 * converted to a field's type (literal.c), records of occurrences
 * (record.c) and evaluation (eval.c).
 *
 * A compiled filter is a tree of nodes in one array; every literal is
 * converted once, at compile time, into a struct df_val whose bytes live
 * in the filter's own storage.  Evaluation reads values; it allocates
 * only when a record's scratch space must grow (once, on the first items
 * that need it).
 */
#ifndef WIRETOP_DFILTER_IMPL_H
#define WIRETOP_DFILTER_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "dfilter/dfilter.h"

/* ---- Tokens ---- */

enum df_tok {
	T_END,
	T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_COMMA, T_DOTDOT,
	T_SLICE,	/* [ranges]: parsed by the lexer into a slice */
	T_HASH,		/* #: the layer operator */
	T_AND, T_OR, T_NOT,
	T_EQ, T_NE, T_ALL_EQ, T_ANY_NE, T_GT, T_GE, T_LT, T_LE,
	T_CONTAINS, T_MATCHES, T_IN, T_BITAND,
	T_WORD,		/* an unquoted name or literal */
	T_STRING,	/* "..." or r"...", unescaped */
	T_CHAR		/* '.' : a character constant, as its value */
};

/* One range of a slice: [start:len], [start-end], [start], [start:]. */
struct df_range {
	int32_t		 start;		/* negative: from the end */
	int32_t		 len;		/* -1: to the end */
};

#define DF_MAX_RANGES	8

struct df_slice {
	int		 n;
	struct df_range	 r[DF_MAX_RANGES];
};

struct df_token {
	enum df_tok	 type;
	int		 col;		/* 1-based column of its first byte */
	int		 width;		/* columns it covers */
	char		*text;		/* T_WORD, T_STRING: NUL-terminated */
	size_t		 n;		/* T_STRING: bytes (may hold NULs) */
	struct df_slice	 slice;		/* T_SLICE */
	uint64_t	 u;		/* T_CHAR */
};

/* Split expr into tokens (ending with T_END); -1 with *cause. */
int	df_lex(const char *expr, struct df_token **toks, int *ntoks,
	    char **cause);
void	df_tokens_free(struct df_token *toks, int n);

/* ---- Values ---- */

/* What a value is, for comparing it: the classes of field types. */
enum df_kind {
	K_NONE,
	K_UINT,		/* u */
	K_INT,		/* i */
	K_BOOL,		/* u: 0 or 1 */
	K_DOUBLE,	/* d */
	K_TIME,		/* s seconds (i) and ns */
	K_RELTIME,	/* the same, relative */
	K_IPV4,		/* u: the address; prefix bits */
	K_IPV6,		/* 16 bytes at p; prefix bits */
	K_ETHER,	/* 6 bytes at p */
	K_BYTES,	/* n bytes at p */
	K_STRING,	/* n bytes at p */
	K_PROTO		/* n bytes at p (the layer's item); all: what follows
			   to the end of its data, for contains/matches */
};

struct df_val {
	uint8_t		 kind;		/* enum df_kind */
	uint8_t		 prefix;	/* K_IPV4 / K_IPV6 network bits */
	uint16_t	 layer;		/* the layer of its protocol, from 1 */
	int32_t		 ns;		/* K_TIME, K_RELTIME nanoseconds */
	uint64_t	 u;
	int64_t		 i;
	double		 d;
	const uint8_t	*p;
	size_t		 n;
	size_t		 all;		/* K_PROTO */
};

/* The class of values a field of type ft holds. */
enum df_kind	df_kind_of(int ft);
/* The word for a kind in messages ("IPv4 address"). */
const char	*df_kind_name(enum df_kind k, const struct field_def *def);

/* ---- Literals ---- */

/* Storage for literal bytes, freed with the filter. */
struct df_pool {
	uint8_t		**blocks;
	int		  n;
};

void	*df_pool_alloc(struct df_pool *pool, size_t n);
void	 df_pool_free(struct df_pool *pool);

/*
 * Convert a literal to kind k (for field def, which may be NULL for a
 * slice): the token's text, quoted or not.  Returns 0, or -1 with *cause
 * naming what is wrong (without the column).
 */
int	df_literal(const struct df_token *t, enum df_kind k,
	    const struct field_def *def, const struct df_names *ns,
	    struct df_pool *pool, struct df_val *out, char **cause);

/* ---- The tree ---- */

enum df_node_type {
	N_AND, N_OR, N_NOT,
	N_TEST,		/* does value a yield anything (non-zero for &)? */
	N_CMP,		/* a op b */
	N_IN,		/* a in set */
	N_MATCHES,	/* a ~ regex */
	/* Value nodes: yield a list of values. */
	N_FIELD,	/* slot's occurrences (of layer when > 0) */
	N_SLICE,	/* bytes of each value of a */
	N_BITAND,	/* each value of a & literal b */
	N_LEN,		/* the length of each value of a */
	N_COUNT,	/* the number of values of a */
	N_LITERAL	/* one value */
};

enum df_op {
	OP_EQ, OP_NE, OP_ALL_EQ, OP_ANY_NE, OP_GT, OP_GE, OP_LT, OP_LE,
	OP_CONTAINS
};

struct df_node {
	uint8_t		 type;		/* enum df_node_type */
	uint8_t		 op;		/* N_CMP: enum df_op */
	uint8_t		 kind;		/* value nodes: enum df_kind */
	int		 a, b;		/* child nodes, -1 for none */
	int		 slot;		/* N_FIELD */
	int		 layer;		/* N_FIELD: # operand, 0: any */
	int		 set;		/* N_IN: first element in sets[] */
	int		 nset;
	struct df_slice	 slice;		/* N_SLICE */
	struct df_val	 lit;		/* N_LITERAL, N_BITAND's mask */
	pcre2_code	*re;		/* N_MATCHES */
	pcre2_match_data *md;		/* its match data, made once */
	const struct field_def *def;	/* value nodes over one field */
	int		 col;		/* where it starts, for messages */
};

/* A set element: one value, or a range lo..hi. */
struct df_elem {
	struct df_val	 lo, hi;
	bool		 range;
};

struct df_slotdef {
	const struct field_def	*def;	/* NULL for a protocol */
	int			 proto;	/* -1 for a field */
};

struct dfilter {
	char		*text;
	struct df_node	*nodes;
	int		 nnodes, capnodes;
	int		 root;		/* -1: the empty filter, matches all */
	struct df_elem	*sets;
	int		 nsets, capsets;
	struct df_slotdef *slots;
	int		 nslots, capslots;
	struct df_pool	 pool;
	int		 depth;		/* deepest chain of value nodes */
};

/* Parse and check tokens into df's tree; -1 with *cause. */
int	df_parse(struct dfilter *df, const struct df_token *toks, int ntoks,
	    const struct df_names *ns, char **cause);

/* ---- Records ---- */

/*
 * Bytes that stay where they are until the arena is reset: chunks are
 * kept from item to item, so a record in steady use allocates nothing.
 */
struct df_chunk {
	uint8_t		*p;
	size_t		 cap;
};

struct df_arena {
	struct df_chunk	*chunks;
	int		 n, cur;
	size_t		 used;		/* in chunks[cur] */
};

void	*df_arena_alloc(struct df_arena *a, size_t n);
void	 df_arena_reset(struct df_arena *a);
void	 df_arena_free(struct df_arena *a);

/* One occurrence of a slot; its bytes are in the record's arena. */
struct df_occ {
	struct df_val	 v;
	int		 next;		/* next occurrence of the slot, -1 */
};

struct df_record {
	int		 nslots;
	int		*head, *tail;	/* per slot, -1 when empty */
	int		*count;		/* per slot */
	struct df_occ	*occ;
	int		 nocc, capocc;
	int		 layer;		/* the layer df_record_layer() set */
	struct df_arena	 arena;		/* occurrences' bytes */
	struct df_scratch *scratch;	/* evaluation's (dfilter_eval() takes
					   the record const) */
};

/* Scratch for evaluation: value lists, and the bytes that slices of
   several ranges join (reset at each evaluation). */
struct df_scratch {
	struct df_val	*vals;
	size_t		 cap;
	struct df_arena	 joined;
};

/* ---- Evaluation helpers ---- */

/* Compare a with b: <0, 0, >0, or DF_UNORDERED when they cannot be
   (an unsigned value and a negative literal). */
#define DF_UNORDERED	2
int	df_val_cmp(const struct df_val *a, const struct df_val *b);
/* Does a hold b's bytes? */
bool	df_val_contains(const struct df_val *a, const struct df_val *b);

#endif
