/*
 * Fuzz target: the display filter, field names and the command line.
 *
 * Input format: text split at newlines (and NULs) into words.
 *
 *   word 0          a display filter (Wireshark's language; the engine
 *                   has its own target, fuzz_dfilter.c), compiled with
 *                   filter_new() for Ethernet, raw IP and Linux cooked
 *                   links, then run over a few fixed frames
 *   every word      looked up with field_lookup(); a hit must carry the
 *                   very name asked for
 *   all the words   wiretop's argv for options_parse(); any -Y/-f/trailing
 *                   filter it returns is compiled too
 *
 * --help and --version print; inputs that could ask for them (a word
 * starting with "-" that holds an 'h', or "--v...") skip options_parse.
 */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "decode/field.h"
#include "filter.h"
#include "options.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_WORDS	64

/* Stop with a message: libFuzzer (or the replay) reports the input. */
static void
bad(const char *what, const char *word)
{
	fprintf(stderr, "fuzz_filter: invariant broken: %s (%s)\n", what,
	    word);
	abort();
}

/* An IPv4/UDP packet for the link types below (bytes after the link). */
static const uint8_t ip_udp[] = {
	0x45, 0x00, 0x00, 0x21, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
	0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
	0xc9, 0x3a, 0x00, 0x35, 0x00, 0x0d, 0x00, 0x00,
	'h', 'e', 'l', 'l', 'o'
};

/* Compile expr for one link type and run it over a frame of that link. */
static void
try_filter(const char *expr, int link, const uint8_t *hdr, size_t hdrlen)
{
	struct frame_meta m;
	struct filter *f;
	uint8_t frame[64];
	char *cause = NULL;
	size_t len = hdrlen + sizeof ip_udp, cut;

	f = filter_new(expr, link, 262144, &cause);
	if (f == NULL) {
		if (cause == NULL || cause[0] == '\0')
			bad("filter_new failed without a cause", expr);
		free(cause);
		return;
	}
	if (cause != NULL)
		bad("filter_new set a cause on success", expr);
	if (strcmp(filter_text(f), expr) != 0)
		bad("filter_text differs from the expression", expr);
	if (hdrlen > 0)
		memcpy(frame, hdr, hdrlen);
	memcpy(frame + hdrlen, ip_udp, sizeof ip_udp);
	memset(&m, 0, sizeof m);
	m.link = link;
	m.wirelen = (uint32_t)len;
	/* The whole frame and every cut of it: BPF must stay inside. */
	for (cut = 0; cut <= len; cut += 7) {
		m.caplen = (uint32_t)(len - cut);
		(void)filter_match(f, &m, frame);
	}
	filter_free(f);
}

/* The expression on each link type wiretop reads. */
static void
try_links(const char *expr)
{
	static const uint8_t eth[14] = {
		0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x08, 0x00
	};
	static const uint8_t sll[16] = {
		0x00, 0x00, 0x00, 0x01, 0x00, 0x06,
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x00, 0x08, 0x00
	};

	try_filter(expr, LINK_ETHERNET, eth, sizeof eth);
	try_filter(expr, DLT_RAW_BSD, NULL, 0);
	try_filter(expr, LINK_LINUX_SLL, sll, sizeof sll);
}

/* Could this argv make options_parse print help or the version? */
static bool
asks_help(char **words, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (words[i][0] != '-')
			continue;
		if (strchr(words[i], 'h') != NULL ||
		    strncmp(words[i], "--v", 3) == 0)
			return true;
	}
	return false;
}

/* The command line made of the words. */
static void
try_options(char **words, int n)
{
	char *argv[FUZZ_MAX_WORDS + 2];
	struct options o;
	char *cause = NULL;
	int i, rc;

	if (asks_help(words, n))
		return;
	argv[0] = (char *)"wiretop";
	for (i = 0; i < n; i++)
		argv[i + 1] = words[i];
	argv[n + 1] = NULL;
	rc = options_parse(n + 1, argv, &o, &cause);
	if (rc == OPTIONS_USAGE) {
		if (cause == NULL || cause[0] == '\0')
			bad("usage error without a cause", words[0]);
	} else if (rc == OPTIONS_OK) {
		if (cause != NULL)
			bad("a cause without a usage error", cause);
		if (o.nfields < 0 || o.nfields > OPTIONS_MAX_FIELDS)
			bad("field count out of range", words[0]);
		for (i = 0; i < o.nfields; i++)
			if (o.fields[i] == NULL || o.fields[i]->name == NULL)
				bad("a -e field without a definition",
				    words[0]);
		if (o.snaplen <= 0 || o.snaplen > 262144)
			bad("snap length out of range", words[0]);
		if (o.display_filter != NULL)
			try_filter(o.display_filter, LINK_ETHERNET, NULL, 0);
		if (o.capture_filter != NULL)
			try_filter(o.capture_filter, LINK_ETHERNET, NULL, 0);
	} else
		bad("options_parse returned an unknown code", words[0]);
	free(cause);
	options_free(&o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct field_def *f;
	char *words[FUZZ_MAX_WORDS];
	char *text, *p;
	size_t i;
	int n = 0;

	if (size > 4096)
		return 0;
	/* One malloc'd, terminated copy; words are cut out in place. */
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	p = text;
	for (i = 0; i <= size && n < FUZZ_MAX_WORDS; i++) {
		if (text[i] == '\n' || text[i] == '\0') {
			text[i] = '\0';
			words[n++] = p;
			p = text + i + 1;
		}
	}
	try_links(words[0]);
	for (i = 0; i < (size_t)n; i++) {
		f = field_lookup(words[i]);
		if (f != NULL && (f->name == NULL ||
		    strcmp(f->name, words[i]) != 0))
			bad("field_lookup returned another field", words[i]);
	}
	try_options(words, n);
	free(text);
	return 0;
}
