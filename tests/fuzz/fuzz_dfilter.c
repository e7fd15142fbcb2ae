/*
 * Fuzz target: the display-filter engine (Wireshark's language).
 *
 * Input format: the first line is an expression; it is compiled with
 * filter_new() (the packet namespace) and run over a few fixed frames
 * and every cut of them.  Invariants:
 *
 *   - a compile that fails has a cause of one line starting
 *     "display filter: "; one that succeeds has none, and filter_text()
 *     is the expression;
 *   - a frame gives the same answer twice (the record's reuse is clean);
 *   - "not (EXPR)", when it compiles too, gives the opposite answer on
 *     every frame.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "filter.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message: libFuzzer (or the replay) reports the input. */
static void
bad(const char *what, const char *expr)
{
	fprintf(stderr, "fuzz_dfilter: invariant broken: %s (%s)\n", what,
	    expr);
	abort();
}

/* Ethernet, IPv4, UDP to port 53 with a DNS query for a.example. */
static const uint8_t dns_frame[] = {
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
	0x08, 0x00,
	0x45, 0x00, 0x00, 0x39, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
	0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
	0xc9, 0x3a, 0x00, 0x35, 0x00, 0x25, 0x00, 0x00,
	0x1a, 0x2b, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 'a', 0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0x00, 0x00, 0x01,
	0x00, 0x01
};

/* Ethernet, IPv4, ICMP port unreachable quoting IPv4 and 8 bytes of TCP:
   two IP layers, fields in the quote. */
static const uint8_t icmp_frame[] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
	0x08, 0x00,
	0x45, 0x00, 0x00, 0x38, 0x00, 0x01, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,
	0x0a, 0x00, 0x00, 0xfe, 0x0a, 0x00, 0x00, 0x01,
	0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x28, 0x00, 0x02, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
	0x0a, 0x00, 0x00, 0x01, 0x5d, 0xb8, 0xd8, 0x22,
	0xca, 0x5a, 0x22, 0x3d, 0xab, 0xcd, 0xef, 0x10
};

/* Ethernet, 802.1Q, IPv6, TCP SYN with an MSS option. */
static const uint8_t tcp6_frame[] = {
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
	0x81, 0x00, 0x00, 0x0a, 0x86, 0xdd,
	0x60, 0x00, 0x00, 0x00, 0x00, 0x18, 0x06, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
	0xc9, 0x3a, 0x01, 0xbb, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x60, 0x02, 0xfa, 0xf0, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x04, 0x05, 0xb4
};

static const struct {
	const uint8_t	*p;
	size_t		 n;
} frames[] = {
	{ dns_frame, sizeof dns_frame },
	{ icmp_frame, sizeof icmp_frame },
	{ tcp6_frame, sizeof tcp6_frame },
};

/* Compile expr; check the cause's shape.  NULL when it does not compile. */
static struct filter *
compile(const char *expr)
{
	struct filter *f;
	char *cause = NULL;

	f = filter_new(expr, LINK_ETHERNET, 262144, &cause);
	if (f == NULL) {
		if (cause == NULL)
			bad("filter_new failed without a cause", expr);
		if (strncmp(cause, "display filter: ", 16) != 0)
			bad("a cause not starting \"display filter: \"", cause);
		if (strchr(cause, '\n') != NULL)
			bad("a cause of more than one line", cause);
		free(cause);
		return NULL;
	}
	if (cause != NULL)
		bad("filter_new set a cause on success", expr);
	if (strcmp(filter_text(f), expr) != 0)
		bad("filter_text differs from the expression", expr);
	return f;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter *f, *neg;
	struct frame_meta m;
	char *expr, *wrapped;
	size_t i, cut, len;
	bool a;

	if (size > 4096)
		return 0;
	len = 0;
	while (len < size && data[len] != '\n' && data[len] != '\0')
		len++;
	expr = malloc(len + 1);
	wrapped = malloc(len + 8);
	if (expr == NULL || wrapped == NULL) {
		free(expr);
		free(wrapped);
		return 0;
	}
	memcpy(expr, data, len);
	expr[len] = '\0';
	snprintf(wrapped, len + 8, "not (%s)", expr);
	f = compile(expr);
	neg = f != NULL ? compile(wrapped) : NULL;
	for (i = 0; f != NULL && i < sizeof frames / sizeof frames[0]; i++) {
		for (cut = 0; cut <= frames[i].n; cut += 5) {
			memset(&m, 0, sizeof m);
			m.number = 1;
			m.link = LINK_ETHERNET;
			m.wirelen = (uint32_t)frames[i].n;
			m.caplen = (uint32_t)(frames[i].n - cut);
			a = filter_match(f, &m, frames[i].p);
			if (filter_match(f, &m, frames[i].p) != a)
				bad("a frame answered differently twice", expr);
			if (neg != NULL && filter_match(neg, &m,
			    frames[i].p) == a)
				bad("not (EXPR) answered as EXPR", expr);
		}
	}
	filter_free(neg);
	filter_free(f);
	free(expr);
	free(wrapped);
	return 0;
}
