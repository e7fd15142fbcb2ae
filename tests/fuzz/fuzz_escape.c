/*
 * Fuzz target: the escaping rule (src/escape.c) on any bytes.
 *
 * The input is the text itself.  After each input the target checks what
 * every output relies on:
 *   - escape_text() gives valid UTF-8 with no byte below 0x20, no DEL, no
 *     C1 control and no bidi or other format character, and
 *     escape_is_clean() says so;
 *   - escaping that result again changes nothing;
 *   - with a smaller buffer the result is a prefix of the whole result
 *     that ends on a whole character, and escapes of prefixes never
 *     overrun;
 *   - escape_json() gives a JSON string that a strict parser accepts,
 *     whose contents are the escaped text;
 *   - escape_utf8_boundary() never grows a length and leaves no partial
 *     sequence at the end.
 * A broken invariant aborts, so libFuzzer saves the input like a crash.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_IN	4096

static void
bad(const char *what, size_t a)
{
	fprintf(stderr, "fuzz_escape: invariant broken: %s (%zu)\n", what, a);
	abort();
}

/* Decode the UTF-8 sequence at p: its length, 0 if invalid. */
static size_t
utf8_next(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	if (len > n)
		return 0;
	c = p[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* Printable as the outputs promise: valid UTF-8, no control characters,
   no C1, no bidi controls. */
static void
check_printable(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_next(p + i, n - i, &cp)) == 0)
			bad("escaped text is not UTF-8", i);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			bad("escaped text holds a control character", cp);
		if (cp == 0x061c || (cp >= 0x200e && cp <= 0x200f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			bad("escaped text holds a bidi control", cp);
		i += k;
	}
}

/* A strict JSON string parser: the unescaped contents into out. */
static size_t
json_parse_string(const char *s, size_t n, char *out)
{
	size_t i = 1, o = 0;

	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		bad("JSON string not quoted", n);
	while (i < n - 1) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20)
			bad("raw control character in JSON", c);
		if (c == '"')
			bad("unescaped quote inside a JSON string", i);
		if (c == '\\') {
			if (i + 1 >= n - 1)
				bad("JSON string ends in a backslash", i);
			c = (unsigned char)s[i + 1];
			if (c != '"' && c != '\\')
				bad("JSON escape the rule never makes", c);
			out[o++] = (char)c;
			i += 2;
			continue;
		}
		out[o++] = (char)c;
		i++;
	}
	return o;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char full[MAX_IN * ESCAPE_MAX_GROWTH + 1];
	static char again[sizeof full], part[sizeof full];
	static char parsed[2 * sizeof full + 3];
	char *mem = NULL;
	size_t n, n2, np, sizes[] = { 1, 2, 3, 4, 5, 7, 11, 16, 64 };
	size_t memlen = 0, i;
	FILE *f;

	if (size > MAX_IN)
		size = MAX_IN;
	n = escape_text(full, sizeof full, data, size);
	if (n >= sizeof full || strlen(full) != n)
		bad("escape_text miscounted or a NUL got through", n);
	check_printable(full, n);
	if (!escape_is_clean(full, n))
		bad("escape_is_clean rejects escaped text", n);
	if (escape_is_clean(data, size) &&
	    (n != size || memcmp(full, data, size) != 0))
		bad("escape_is_clean accepts text the rule changes", size);
	n2 = escape_text(again, sizeof again, full, n);
	if (n2 != n || memcmp(again, full, n) != 0)
		bad("escaping is not idempotent", n2);

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		np = escape_text(part, sizes[i], data, size);
		if (np >= sizes[i] || strlen(part) != np)
			bad("escape_text overran a small buffer", sizes[i]);
		if (np > n || memcmp(part, full, np) != 0)
			bad("a cut result is not a prefix of the whole", np);
		check_printable(part, np);
	}
	if (escape_utf8_boundary(full, n) != n)
		bad("a whole text is not on a boundary", n);
	for (i = 0; i <= n && i < 64; i++) {
		size_t b = escape_utf8_boundary(full, i);

		if (b > i)
			bad("escape_utf8_boundary grew a length", i);
		check_printable(full, b);
	}

	if ((f = open_memstream(&mem, &memlen)) == NULL)
		abort();
	escape_json(f, data, size);
	fclose(f);
	if (memlen > sizeof parsed || strlen(mem) != memlen)
		bad("escape_json wrote a NUL or too much", memlen);
	np = json_parse_string(mem, memlen, parsed);
	if (np != n || memcmp(parsed, full, n) != 0)
		bad("JSON contents differ from the escaped text", np);
	free(mem);
	return 0;
}
