/*
 * The display-filter lexer: an expression in Wireshark's language split
 * into tokens, each with its column for messages.
 *
 * Names and most literals are one kind of token, the word: a run of
 * letters, digits and _ . : - / (ip.src, 10.0.0.0/8, 00:1a:11, -5,
 * fe80::1), cut before ".." so that sets read 80..90.  Whether a word is
 * a field, a protocol or a literal is the parser's business.  Slices
 * ([0:3], [-2:], [1-2,4]) are read whole here.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dfilter/dfilter_impl.h"
#include "util.h"

struct lexer {
	const char	*s;
	size_t		 pos;
	struct df_token	*toks;
	int		 n, cap;
	char		*cause;
};

/* Keywords that are operators. */
static const struct {
	const char	*word;
	enum df_tok	 tok;
} keywords[] = {
	{ "and", T_AND }, { "or", T_OR }, { "not", T_NOT },
	{ "eq", T_EQ }, { "any_eq", T_EQ }, { "ne", T_NE }, { "all_ne", T_NE },
	{ "all_eq", T_ALL_EQ }, { "any_ne", T_ANY_NE },
	{ "gt", T_GT }, { "ge", T_GE }, { "lt", T_LT }, { "le", T_LE },
	{ "contains", T_CONTAINS }, { "matches", T_MATCHES }, { "in", T_IN },
};

/* Can c be part of a word? */
static bool
word_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == ':' || c == '-' ||
	    c == '/';
}

/* A new token of type at column col (1-based) covering width columns. */
static struct df_token *
push(struct lexer *lx, enum df_tok type, size_t start, size_t width)
{
	struct df_token *t;

	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 16;
		lx->toks = xrealloc(lx->toks, (size_t)lx->cap * sizeof *lx->toks);
	}
	t = &lx->toks[lx->n++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->col = (int)start + 1;
	t->width = (int)width;
	return t;
}

/* Fail with a message about what starts at start. */
static int
lex_error(struct lexer *lx, size_t start, const char *fmt, const char *what)
{
	char *msg = xasprintf(fmt, what);

	lx->cause = xasprintf("display filter: %s at column %zu", msg,
	    start + 1);
	free(msg);
	return -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * One escape after a backslash at s[*i] (the character after it): its
 * byte in *out.  \\ \" \' \a \b \f \n \r \t \v, \xh or \xhh, \o to \ooo.
 */
static bool
unescape(const char *s, size_t *i, unsigned *out)
{
	static const char from[] = "\\\"'abfnrtv", to[] = "\\\"'\a\b\f\n\r\t\v";
	const char *e;
	unsigned v;
	int k, h;

	if (s[*i] == '\0')
		return false;
	if ((e = strchr(from, s[*i])) != NULL) {
		*out = (unsigned char)to[e - from];
		(*i)++;
		return true;
	}
	if (s[*i] == 'x') {
		(*i)++;
		v = 0;
		for (k = 0; k < 2 && (h = hexval(s[*i])) >= 0; k++, (*i)++)
			v = v * 16 + (unsigned)h;
		*out = v;
		return k > 0;
	}
	if (s[*i] >= '0' && s[*i] <= '7') {
		v = 0;
		for (k = 0; k < 3 && s[*i] >= '0' && s[*i] <= '7'; k++, (*i)++)
			v = v * 8 + (unsigned)(s[*i] - '0');
		if (v > 255)
			return false;
		*out = v;
		return true;
	}
	return false;
}

/* A quoted string from lx->pos (at the quote); raw: no escapes. */
static int
lex_string(struct lexer *lx, size_t start, bool raw)
{
	const char *s = lx->s;
	size_t i = lx->pos + 1, n = 0, esc;
	struct df_token *t;
	unsigned byte;
	char *buf;

	buf = xmalloc(strlen(s + i) + 1);
	for (;;) {
		if (s[i] == '\0') {
			free(buf);
			return lex_error(lx, start, "%s",
			    "the string has no closing quote");
		}
		if (s[i] == '"')
			break;
		if (s[i] == '\\' && raw) {
			/* A raw string keeps the backslash; \" stays in it. */
			buf[n++] = s[i++];
			if (s[i] != '\0')
				buf[n++] = s[i++];
			continue;
		}
		if (s[i] == '\\') {
			esc = i++;
			if (!unescape(s, &i, &byte)) {
				free(buf);
				lx->pos = esc;
				return lex_error(lx, esc, "%s",
				    "bad escape sequence in a string");
			}
			buf[n++] = (char)byte;
			continue;
		}
		buf[n++] = s[i++];
	}
	buf[n] = '\0';
	t = push(lx, T_STRING, start, i + 1 - start);
	t->text = buf;
	t->n = n;
	lx->pos = i + 1;
	return 0;
}

/* A character constant 'c' from lx->pos. */
static int
lex_char(struct lexer *lx)
{
	const char *s = lx->s;
	size_t start = lx->pos, i = lx->pos + 1;
	struct df_token *t;
	unsigned v;

	if (s[i] == '\\') {
		i++;
		if (!unescape(s, &i, &v))
			return lex_error(lx, start, "%s",
			    "bad character constant");
	} else if (s[i] != '\0' && s[i] != '\'')
		v = (unsigned char)s[i++];
	else
		return lex_error(lx, start, "%s", "bad character constant");
	if (s[i] != '\'')
		return lex_error(lx, start, "%s", "bad character constant");
	t = push(lx, T_CHAR, start, i + 1 - start);
	t->u = v;
	lx->pos = i + 1;
	return 0;
}

/* An integer of a slice at s[*i] (optionally negative). */
static bool
slice_int(const char *s, size_t *i, int32_t *out)
{
	long v;
	char *end;

	while (s[*i] == ' ' || s[*i] == '\t')
		(*i)++;
	if (!isdigit((unsigned char)s[*i]) && !(s[*i] == '-' &&
	    isdigit((unsigned char)s[*i + 1])))
		return false;
	v = strtol(s + *i, &end, 10);
	if (v > INT_MAX / 2 || v < -(INT_MAX / 2))
		return false;
	*i = (size_t)(end - s);
	while (s[*i] == ' ' || s[*i] == '\t')
		(*i)++;
	*out = (int32_t)v;
	return true;
}

/*
 * A slice from lx->pos (at '['): ranges separated by commas, each
 * start:length, start-end, start:, :length or start.
 */
static int
lex_slice(struct lexer *lx)
{
	const char *s = lx->s;
	size_t start = lx->pos, i = lx->pos + 1;
	struct df_slice sl;
	struct df_range *r;
	int32_t a, b;

	memset(&sl, 0, sizeof sl);
	for (;;) {
		if (sl.n == DF_MAX_RANGES)
			return lex_error(lx, start, "%s",
			    "a slice has too many ranges");
		r = &sl.r[sl.n++];
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		if (s[i] == ':') {
			i++;
			if (!slice_int(s, &i, &b) || b < 0)
				goto bad;
			r->start = 0;
			r->len = b;
		} else {
			if (!slice_int(s, &i, &a))
				goto bad;
			r->start = a;
			if (s[i] == ':') {
				i++;
				while (s[i] == ' ' || s[i] == '\t')
					i++;
				if (s[i] == ']' || s[i] == ',')
					r->len = -1;
				else if (!slice_int(s, &i, &b) || b < 0)
					goto bad;
				else
					r->len = b;
			} else if (s[i] == '-') {
				i++;
				if (!slice_int(s, &i, &b))
					goto bad;
				/* start-end, both included. */
				if ((a >= 0) != (b >= 0) || b < a)
					goto bad;
				r->len = b - a + 1;
			} else
				r->len = 1;
		}
		if (s[i] == ']')
			break;
		if (s[i] != ',')
			goto bad;
		i++;
	}
	push(lx, T_SLICE, start, i + 1 - start)->slice = sl;
	lx->pos = i + 1;
	return 0;
bad:
	return lex_error(lx, start, "%s", "bad slice (want [i:j], [i-j], "
	    "[i], [i:] or [:j])");
}

/* A word from lx->pos: a keyword or a T_WORD. */
static void
lex_word(struct lexer *lx)
{
	const char *s = lx->s;
	size_t start = lx->pos, i = lx->pos, k;
	struct df_token *t;

	while (word_char((unsigned char)s[i]) &&
	    !(s[i] == '.' && s[i + 1] == '.' && i > start))
		i++;
	for (k = 0; k < nitems(keywords); k++)
		if (strlen(keywords[k].word) == i - start &&
		    strncmp(keywords[k].word, s + start, i - start) == 0) {
			push(lx, keywords[k].tok, start, i - start);
			lx->pos = i;
			return;
		}
	t = push(lx, T_WORD, start, i - start);
	t->text = xmalloc(i - start + 1);
	memcpy(t->text, s + start, i - start);
	t->text[i - start] = '\0';
	lx->pos = i;
}

/* Two-character operators and the one-character ones they begin. */
static int
lex_operator(struct lexer *lx)
{
	const char *s = lx->s + lx->pos;
	size_t start = lx->pos;
	enum df_tok tok;
	size_t w = 1;
	char what[2];

	switch (s[0]) {
	case '(': tok = T_LPAREN; break;
	case ')': tok = T_RPAREN; break;
	case '{': tok = T_LBRACE; break;
	case '}': tok = T_RBRACE; break;
	case ',': tok = T_COMMA; break;
	case '#': tok = T_HASH; break;
	case '.':
		if (s[1] != '.')
			goto bad;
		tok = T_DOTDOT;
		w = 2;
		break;
	case '=':
		if (s[1] != '=')
			goto bad;
		if (s[2] == '=') {
			tok = T_ALL_EQ;
			w = 3;
		} else {
			tok = T_EQ;
			w = 2;
		}
		break;
	case '!':
		if (s[1] == '=' && s[2] == '=') {
			tok = T_ANY_NE;
			w = 3;
		} else if (s[1] == '=') {
			tok = T_NE;
			w = 2;
		} else
			tok = T_NOT;
		break;
	case '~':
		if (s[1] == '=') {
			tok = T_ANY_NE;
			w = 2;
		} else
			tok = T_MATCHES;
		break;
	case '&':
		if (s[1] == '&') {
			tok = T_AND;
			w = 2;
		} else
			tok = T_BITAND;
		break;
	case '|':
		if (s[1] != '|')
			goto bad;
		tok = T_OR;
		w = 2;
		break;
	case '>':
	case '<':
		if (s[1] == '=') {
			tok = s[0] == '>' ? T_GE : T_LE;
			w = 2;
		} else
			tok = s[0] == '>' ? T_GT : T_LT;
		break;
	default:
		goto bad;
	}
	push(lx, tok, start, w);
	lx->pos += w;
	return 0;
bad:
	if (s[0] == '$')
		return lex_error(lx, start, "%s",
		    "field references (${...}) are not supported");
	if (strchr("+*%", s[0]) != NULL)
		return lex_error(lx, start, "%s",
		    "arithmetic is not supported");
	what[0] = s[0];
	what[1] = '\0';
	if (!isprint((unsigned char)s[0]))
		return lex_error(lx, start, "%s", "unexpected character");
	return lex_error(lx, start, "'%s' was unexpected", what);
}

int
df_lex(const char *expr, struct df_token **toks, int *ntoks, char **cause)
{
	struct lexer lx;
	int rc = 0;
	char c;

	memset(&lx, 0, sizeof lx);
	lx.s = expr;
	while (rc == 0) {
		c = expr[lx.pos];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			lx.pos++;
			continue;
		}
		if (c == '\0')
			break;
		if (c == '"')
			rc = lex_string(&lx, lx.pos, false);
		else if ((c == 'r' || c == 'R') && expr[lx.pos + 1] == '"') {
			lx.pos++;
			rc = lex_string(&lx, lx.pos - 1, true);
		} else if (c == '\'')
			rc = lex_char(&lx);
		else if (c == '[')
			rc = lex_slice(&lx);
		else if (word_char((unsigned char)c) &&
		    !(c == '.' && expr[lx.pos + 1] == '.'))
			lex_word(&lx);
		else
			rc = lex_operator(&lx);
	}
	if (rc != 0) {
		df_tokens_free(lx.toks, lx.n);
		*cause = lx.cause;
		return -1;
	}
	push(&lx, T_END, lx.pos, 0);
	*toks = lx.toks;
	*ntoks = lx.n;
	return 0;
}

void
df_tokens_free(struct df_token *toks, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(toks[i].text);
	free(toks);
}
