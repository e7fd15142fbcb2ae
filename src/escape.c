/*
 * Escaping hostile text (see escape.h for the rule).  Every piece of text
 * that came from outside goes through escape_unit(), one character or
 * byte at a time, so there is one definition of what is printable.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "escape.h"

/* The longest piece one input unit becomes: "\U0010FFFF". */
#define PIECE_MAX	10

/*
 * Format characters (Unicode general category Cf) and the other code
 * points GLib's g_unichar_isprint() rejects that a valid UTF-8 sequence
 * can hold: bidi embeddings, overrides and isolates, zero-width
 * characters, the BOM, interlinear annotation, tags.  Sorted ranges.
 */
static const struct { uint32_t lo, hi; } unprintable[] = {
	{ 0x0080, 0x009f },	/* C1 controls */
	{ 0x00ad, 0x00ad },	/* soft hyphen */
	{ 0x0600, 0x0605 },
	{ 0x061c, 0x061c },	/* Arabic letter mark (bidi) */
	{ 0x06dd, 0x06dd },
	{ 0x070f, 0x070f },
	{ 0x0890, 0x0891 },
	{ 0x08e2, 0x08e2 },
	{ 0x180e, 0x180e },
	{ 0x200b, 0x200f },	/* zero width, LRM, RLM */
	{ 0x202a, 0x202e },	/* bidi embeddings and overrides */
	{ 0x2060, 0x2064 },
	{ 0x2066, 0x206f },	/* bidi isolates, deprecated format */
	{ 0xfdd0, 0xfdef },	/* noncharacters */
	{ 0xfeff, 0xfeff },	/* BOM */
	{ 0xfff9, 0xfffb },	/* interlinear annotation */
	{ 0x110bd, 0x110bd },
	{ 0x110cd, 0x110cd },
	{ 0x13430, 0x1343f },
	{ 0x1bca0, 0x1bca3 },
	{ 0x1d173, 0x1d17a },
	{ 0xe0001, 0xe0001 },	/* language tag */
	{ 0xe0020, 0xe007f },	/* tags */
};

/* Is the code point one a terminal or a reader should see as it is? */
static int
printable(uint32_t cp)
{
	size_t lo = 0, hi = sizeof unprintable / sizeof unprintable[0];

	if ((cp & 0xfffe) == 0xfffe)
		return 0;	/* U+xFFFE and U+xFFFF: noncharacters */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < unprintable[mid].lo)
			hi = mid;
		else if (cp > unprintable[mid].hi)
			lo = mid + 1;
		else
			return 0;
	}
	return 1;
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if none;
   its code point in *cp. */
static size_t
utf8_decode(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

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
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/*
 * The bytes of an invalid sequence at p that stand for one U+FFFD: a lead
 * byte and the continuation bytes that could still have completed it
 * (Unicode's "maximal subpart"), else the one byte.
 */
static size_t
utf8_subpart(const uint8_t *p, size_t n)
{
	size_t len, i;
	uint8_t lo = 0x80, hi = 0xbf;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 1;
	len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	/* The second byte's range rules out overlongs and surrogates. */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < len && i < n; i++) {
		if (p[i] < lo || p[i] > hi)
			break;
		lo = 0x80;
		hi = 0xbf;
	}
	return i;
}

/*
 * The escaped form of the unit at p (n > 0 bytes left) into piece; sets
 * *used to the input bytes it stands for and returns its length.
 */
static size_t
escape_unit(const uint8_t *p, size_t n, char piece[PIECE_MAX + 1],
    size_t *used)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char cesc[] = "abtnvfr";	/* for 7 .. 13 */
	uint8_t ch = p[0];
	uint32_t cp;
	size_t len, k, digits;

	*used = 1;
	if (ch >= 0x20 && ch < 0x7f) {
		piece[0] = (char)ch;
		return 1;
	}
	if (ch >= 7 && ch <= 13) {
		piece[0] = '\\';
		piece[1] = cesc[ch - 7];
		return 2;
	}
	if (ch < 0x80) {
		piece[0] = '\\';
		piece[1] = (char)('0' + (ch >> 6));
		piece[2] = (char)('0' + ((ch >> 3) & 7));
		piece[3] = (char)('0' + (ch & 7));
		return 4;
	}
	if ((len = utf8_decode(p, n, &cp)) == 0) {
		/* One U+FFFD for the maximal subpart of a broken sequence,
		   as Unicode recommends and Wireshark does. */
		*used = utf8_subpart(p, n);
		memcpy(piece, "\xef\xbf\xbd", 3);
		return 3;
	}
	*used = len;
	if (printable(cp)) {
		memcpy(piece, p, len);
		return len;
	}
	digits = cp > 0xffff ? 8 : 4;
	piece[0] = '\\';
	piece[1] = digits == 8 ? 'U' : 'u';
	for (k = 0; k < digits; k++)
		piece[2 + k] = hex[(cp >> (4 * (digits - 1 - k))) & 0xf];
	return 2 + digits;
}

size_t
escape_text(char *buf, size_t size, const void *src, size_t n)
{
	const uint8_t *p = src;
	char piece[PIECE_MAX + 1];
	size_t i = 0, o = 0, len, used;

	if (size == 0)
		return 0;
	while (i < n) {
		/* A run of printable ASCII is copied as it is. */
		size_t run = 0;

		while (i + run < n && p[i + run] >= 0x20 && p[i + run] < 0x7f)
			run++;
		if (run > 0) {
			if (run > size - 1 - o)
				run = size - 1 - o;
			memcpy(buf + o, p + i, run);
			o += run;
			i += run;
			if (o == size - 1)
				break;
			continue;
		}
		len = escape_unit(p + i, n - i, piece, &used);
		if (len > size - 1 - o)
			break;
		memcpy(buf + o, piece, len);
		o += len;
		i += used;
	}
	buf[o] = '\0';
	return o;
}

size_t
escape_str(char *buf, size_t size, const char *s)
{
	return escape_text(buf, size, s, strlen(s));
}

int
escape_is_clean(const void *src, size_t n)
{
	const uint8_t *p = src;
	char piece[PIECE_MAX + 1];
	size_t i = 0, len, used;

	while (i < n) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		len = escape_unit(p + i, n - i, piece, &used);
		if (len != used || memcmp(piece, p + i, len) != 0)
			return 0;
		i += used;
	}
	return 1;
}

void
escape_fwrite(FILE *out, const void *src, size_t n)
{
	const uint8_t *p = src;
	char piece[PIECE_MAX + 1];
	size_t i = 0, run, len, used;

	while (i < n) {
		for (run = 0; i + run < n && p[i + run] >= 0x20 &&
		    p[i + run] < 0x7f; run++)
			;
		if (run > 0) {
			fwrite(p + i, 1, run, out);
			i += run;
			continue;
		}
		len = escape_unit(p + i, n - i, piece, &used);
		fwrite(piece, 1, len, out);
		i += used;
	}
}

void
escape_fputs(FILE *out, const char *s)
{
	escape_fwrite(out, s, strlen(s));
}

void
escape_json(FILE *out, const void *src, size_t n)
{
	const uint8_t *p = src;
	char piece[PIECE_MAX + 1];
	size_t i = 0, k, len, used;

	fputc('"', out);
	while (i < n) {
		len = escape_unit(p + i, n - i, piece, &used);
		for (k = 0; k < len; k++) {
			if (piece[k] == '"' || piece[k] == '\\')
				fputc('\\', out);
			fputc(piece[k], out);
		}
		i += used;
	}
	fputc('"', out);
}

size_t
escape_utf8_boundary(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t start = len, need;

	/* Find the lead byte of the last sequence (at most 3 back). */
	while (start > 0 && len - start < 4 && (p[start - 1] & 0xc0) == 0x80)
		start--;
	if (start == 0 || len - start >= 4)
		return len;	/* no lead byte near: not ours to judge */
	start--;
	need = p[start] >= 0xf0 ? 4 : p[start] >= 0xe0 ? 3 :
	    p[start] >= 0xc0 ? 2 : 1;
	return len - start < need ? start : len;
}
