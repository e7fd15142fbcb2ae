/*
 * Command-line parsing.  Every usage error becomes one line for the caller
 * to print, and exit status 2; nothing here prints except --help/--version.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/wtime.h"
#include "model/model.h"
#include "options.h"
#include "util.h"

enum {
	OPT_RING = 256,
	OPT_NO_DUP_KEYS,
	OPT_RING_MB,
	OPT_MAX_FLOWS,
	OPT_DURATION,
	OPT_STATS,
	OPT_TOP,
	OPT_STATS_FILE,
	OPT_LIST_FIELDS,
	OPT_VERSION,
	OPT_NO_MOUSE,
	OPT_FLOW_FILTER
};

static const struct option long_options[] = {
	{ "ring", required_argument, NULL, OPT_RING },
	{ "ring-mb", required_argument, NULL, OPT_RING_MB },
	{ "max-flows", required_argument, NULL, OPT_MAX_FLOWS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "stats", optional_argument, NULL, OPT_STATS },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "stats-file", required_argument, NULL, OPT_STATS_FILE },
	{ "list-fields", no_argument, NULL, OPT_LIST_FIELDS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "flow-filter", required_argument, NULL, OPT_FLOW_FILTER },
	{ "no-duplicate-keys", no_argument, NULL, OPT_NO_DUP_KEYS },
	{ NULL, 0, NULL, 0 }
};

/* A number macro as a string literal: the help text states the default
   from the definition, not from a second copy of the number. */
#define OPTIONS_XSTR(x)	#x
#define OPTIONS_STR(x)	OPTIONS_XSTR(x)

static const char usage_text[] =
"usage: wiretop [options] [capture filter expression]\n"
"  -i IFACE        live capture on IFACE (\"any\": every interface)\n"
"  -r FILE         read a pcap or pcapng file (\"-\": standard input)\n"
"  -w FILE         also write the packets captured to a pcap file\n"
"  -c N            stop after N packets   --duration SEC  stop after SEC seconds\n"
"  -s SNAPLEN      bytes stored per packet (default "
    OPTIONS_STR(SNAPLEN_MAX) ")\n"
"  -f EXPR         capture filter (tcpdump syntax); also the trailing words\n"
"  -Y EXPR         display filter (Wireshark syntax, as tshark -Y)\n"
"  -B MB           kernel ring size for live capture\n"
"  -p              don't put the interface in promiscuous mode\n"
"  --ring N[k|M]   packets kept in the ring   --ring-mb MB  its byte arena\n"
"  --max-flows N   flow table bound (idle flows expire first)\n"
"  -n              no name resolution         -D  list interfaces\n"
"  --no-mouse      the TUI leaves the mouse to the terminal\n"
"  -Z USER         after opening the capture, switch to USER\n"
"  -P              headless: one summary line per packet\n"
"  -V              headless: the full field tree of each packet\n"
"  -x              add a hex dump of each packet\n"
"  -T fields -e F  headless: tab-separated values of fields F (repeat -e)\n"
"  -E OPT=VAL      -T fields: header=y|n separator=/t|/s|C occurrence=f|l|a\n"
"                  aggregator=,|/s|C quote=d|s|n bom=y|n (repeat -E)\n"
"  -t FORMAT       time column: r a ad adoy d dd e u ud udoy (default r)\n"
"  -T json         headless: every field of every packet, as tshark -T json\n"
"  -j KEYS, -J KEYS  -T json: expand only the objects (-J: layers) named\n"
"  --no-duplicate-keys  -T json: a key repeated becomes an array\n"
"  -T jsonl        headless: one JSON object per packet, on one line\n"
"  --stats[=text|json]  at the end, totals, protocols, flows and talkers\n"
"  --stats-file PATH  write --stats to PATH instead of standard output\n"
"  --top N         rows of flows/talkers in --stats=text\n"
"  --flow-filter EXPR  --stats (and the flows view) list the flows matching\n"
"                  EXPR, a display filter on flow fields (bytes > 10M)\n"
"  -z STAT         at the end, tshark's table: conv,eth|ip|ipv6|tcp|udp,\n"
"                  endpoints,eth|ip|ipv6|tcp|udp or io,phs (,FILTER: of the\n"
"                  packets matching it); without -q, summary lines first\n"
"  -q              no summary lines unless -P asks (with -z: tables only)\n"
"  --list-fields   print every field name wiretop knows\n"
"  -h, --help      --version\n";

/* Set *out from a count argument, or explain why not. */
static int
count_arg(const char *opt, const char *arg, uint64_t scale, uint64_t max,
    uint64_t *out, char **cause)
{
	if (!parse_count(arg, scale, max, out)) {
		*cause = xasprintf("bad number for %s: '%s' (see wiretop --help)",
		    opt, arg);
		return OPTIONS_USAGE;
	}
	return OPTIONS_OK;
}

/* The character an -E separator or aggregator value names: /t a tab
   (separator only), /s a space, any other /x a backslash (as tshark
   takes them), else the value's first character; -1 for none. */
static int
fields_char(const char *v, bool tab)
{
	if (v[0] == '\0')
		return -1;
	if (v[0] != '/')
		return (unsigned char)v[0];
	if (v[1] == 's')
		return ' ';
	if (v[1] == 't' && tab)
		return '\t';
	return '\\';
}

/* Apply one -E NAME=VALUE to f, or explain why not.  Values are taken
   as tshark 4.0 takes them: by their first character. */
static int
fields_option(const char *arg, struct fields_format *f, char **cause)
{
	const char *eq = strchr(arg, '='), *v;
	size_t n;
	int c;

	if (eq == NULL || eq == arg)
		goto bad;
	n = (size_t)(eq - arg);
	v = eq + 1;
	if (n == 6 && strncmp(arg, "header", n) == 0 &&
	    (v[0] == 'y' || v[0] == 'n'))
		f->header = v[0] == 'y';
	else if (n == 3 && strncmp(arg, "bom", n) == 0 &&
	    (v[0] == 'y' || v[0] == 'n'))
		f->bom = v[0] == 'y';
	else if (n == 9 && strncmp(arg, "separator", n) == 0 &&
	    (c = fields_char(v, true)) >= 0)
		f->separator = (char)c;
	else if (n == 10 && strncmp(arg, "aggregator", n) == 0 &&
	    (c = fields_char(v, false)) >= 0)
		f->aggregator = (char)c;
	else if (n == 10 && strncmp(arg, "occurrence", n) == 0 &&
	    (v[0] == 'f' || v[0] == 'l' || v[0] == 'a'))
		f->occurrence = v[0] == 'f' ? OCCURRENCE_FIRST :
		    v[0] == 'l' ? OCCURRENCE_LAST : OCCURRENCE_ALL;
	else if (n == 5 && strncmp(arg, "quote", n) == 0 &&
	    (v[0] == 'd' || v[0] == 's' || v[0] == 'n'))
		f->quote = v[0] == 'd' ? '"' : v[0] == 's' ? '\'' : '\0';
	else
		goto bad;
	return OPTIONS_OK;
bad:
	*cause = xasprintf("bad -E option '%s' (header=y|n, separator=/t|/s|C, "
	    "occurrence=f|l|a, aggregator=,|/s|C, quote=d|s|n, bom=y|n)", arg);
	return OPTIONS_USAGE;
}

/* Join argv[first..argc) with spaces: the trailing capture filter. */
static char *
join_words(int argc, char **argv, int first)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = first; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = first; i < argc; i++) {
		if (i > first)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int
options_parse(int argc, char **argv, struct options *o, char **cause)
{
	const struct field_def *f;
	uint64_t v;
	int ch, rc;

	memset(o, 0, sizeof *o);
	o->snaplen = SNAPLEN_MAX;
	o->promisc = true;
	o->resolve = true;
	o->mouse = true;
	o->ring_packets = MODEL_DEFAULT_RING_PACKETS;
	o->ring_mb = MODEL_DEFAULT_RING_BYTES >> 20;
	o->max_flows = MODEL_DEFAULT_MAX_FLOWS;
	o->top = 10;
	o->fields_format.separator = '\t';
	o->fields_format.aggregator = ',';
	o->time_format = WTIME_RELATIVE;
	*cause = NULL;

	opterr = 0;
	optind = 0;	/* 0: glibc forgets any state of an earlier parse */
	while ((ch = getopt_long(argc, argv, "+:i:r:w:c:s:f:Y:B:pnDZ:PVxT:e:E:t:j:J:qz:h",
	    long_options, NULL)) != -1) {
		rc = OPTIONS_OK;
		switch (ch) {
		case 'i':
			o->iface = optarg;
			break;
		case 'r':
			o->read_file = optarg;
			break;
		case 'w':
			o->write_file = optarg;
			break;
		case 'c':
			rc = count_arg("-c", optarg, 1000, UINT64_MAX, &o->count,
			    cause);
			if (rc == OPTIONS_OK && o->count == 0) {
				*cause = xasprintf("bad number for -c: '%s' "
				    "(must be at least 1)", optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case 's':
			rc = count_arg("-s", optarg, 1024, SNAPLEN_MAX, &v,
			    cause);
			/* tcpdump: 0 means the maximum */
			if (rc == OPTIONS_OK && v == 0)
				v = SNAPLEN_MAX;
			o->snaplen = (int)v;
			break;
		case 'f':
			free(o->capture_filter);
			o->capture_filter = xstrdup(optarg);
			break;
		case 'Y':
			o->display_filter = optarg;
			break;
		case 'B':
			rc = count_arg("-B", optarg, 1024, 4096, &v, cause);
			if (rc == OPTIONS_OK && v == 0) {
				*cause = xasprintf("bad number for -B: '%s' "
				    "(must be at least 1 MB)", optarg);
				rc = OPTIONS_USAGE;
			}
			o->buffer_mb = (int)v;
			break;
		case 'p':
			o->promisc = false;
			break;
		case 'n':
			o->resolve = false;
			break;
		case 'D':
			o->list_ifaces = true;
			break;
		case 'Z':
			o->user = optarg;
			break;
		case 'P':
			o->summary = true;
			o->headless = true;
			break;
		case 'V':
			o->format = OUT_TREE;
			o->headless = true;
			break;
		case 'x':
			o->hex = true;
			o->headless = true;
			break;
		case 'T':
			if (strcmp(optarg, "fields") == 0)
				o->format = OUT_FIELDS;
			else if (strcmp(optarg, "json") == 0)
				o->format = OUT_JSON;
			else if (strcmp(optarg, "jsonl") == 0)
				o->format = OUT_JSONL;
			else {
				*cause = xasprintf("unknown output format for "
				    "-T: '%s' (fields, json or jsonl)", optarg);
				rc = OPTIONS_USAGE;
			}
			o->headless = true;
			break;
		case 'e':
			f = field_lookup(optarg);
			if (f == NULL) {
				*cause = xasprintf("unknown field name for -e: "
				    "'%s' (see wiretop --list-fields)", optarg);
				rc = OPTIONS_USAGE;
			} else if (o->nfields >= OPTIONS_MAX_FIELDS) {
				*cause = xasprintf("too many -e fields (at most "
				    "%d)", OPTIONS_MAX_FIELDS);
				rc = OPTIONS_USAGE;
			} else
				o->fields[o->nfields++] = f;
			break;
		case 'E':
			rc = fields_option(optarg, &o->fields_format, cause);
			break;
		case 't':
			if ((o->time_format = wtime_format_parse(optarg)) < 0) {
				*cause = xasprintf("bad time format for -t: '%s' "
				    "(r, a, ad, adoy, d, dd, e, u, ud or udoy)",
				    optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case 'j':
		case 'J':
			/* As tshark: the last of them counts. */
			o->json_filter = optarg;
			o->json_filter_top = ch == 'J';
			break;
		case OPT_NO_DUP_KEYS:
			o->json_merge = true;
			break;
		case 'q':
			o->quiet = true;
			o->headless = true;
			break;
		case 'z':
			o->headless = true;
			if (o->nztables >= ZSPEC_MAX) {
				*cause = xasprintf("too many -z (at most %d)",
				    ZSPEC_MAX);
				rc = OPTIONS_USAGE;
			} else if (zspec_parse(optarg,
			    &o->ztables[o->nztables], cause) != 0)
				rc = OPTIONS_USAGE;
			else
				o->nztables++;
			break;
		case OPT_RING:
			o->ring_set = true;
			rc = count_arg("--ring", optarg, 1000, 1u << 30,
			    &o->ring_packets, cause);
			if (rc == OPTIONS_OK && o->ring_packets == 0) {
				*cause = xasprintf("bad number for --ring: '%s'"
				    " (must be at least 1)", optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case OPT_RING_MB:
			o->ring_set = true;
			rc = count_arg("--ring-mb", optarg, 1024, 1u << 20,
			    &o->ring_mb, cause);
			if (rc == OPTIONS_OK && o->ring_mb == 0) {
				*cause = xasprintf("bad number for --ring-mb: "
				    "'%s' (must be at least 1)", optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case OPT_MAX_FLOWS:
			rc = count_arg("--max-flows", optarg, 1000, 1u << 30,
			    &o->max_flows, cause);
			if (rc == OPTIONS_OK && o->max_flows == 0) {
				*cause = xasprintf("bad number for --max-flows:"
				    " '%s' (must be at least 1)", optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case OPT_DURATION:
			if (!parse_seconds(optarg, &o->duration) ||
			    o->duration == 0) {
				*cause = xasprintf("bad number of seconds for "
				    "--duration: '%s'", optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case OPT_STATS:
			o->headless = true;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				o->stats = STATS_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->stats = STATS_JSON;
			else {
				*cause = xasprintf("unknown --stats format: '%s'"
				    " (text or json)", optarg);
				rc = OPTIONS_USAGE;
			}
			break;
		case OPT_STATS_FILE:
			/* Alone it means --stats (text). */
			o->stats_file = optarg;
			o->headless = true;
			if (o->stats == STATS_NONE)
				o->stats = STATS_TEXT;
			break;
		case OPT_TOP:
			rc = count_arg("--top", optarg, 1000, 1u << 30, &o->top,
			    cause);
			break;
		case OPT_LIST_FIELDS:
			o->list_fields = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return OPTIONS_EXIT;
		case OPT_NO_MOUSE:
			o->mouse = false;
			break;
		case OPT_FLOW_FILTER:
			o->flow_filter = optarg;
			break;
		case OPT_VERSION:
			printf("wiretop %s\n", PACKAGE_VERSION);
			return OPTIONS_EXIT;
		case ':':
			*cause = xasprintf("option %s needs an argument (see "
			    "wiretop --help)", argv[optind - 1]);
			rc = OPTIONS_USAGE;
			break;
		default:
			if (optopt != 0 && optopt < 256)
				*cause = xasprintf("unknown option -%c (see "
				    "wiretop --help)", optopt);
			else
				*cause = xasprintf("unknown option %s (see "
				    "wiretop --help)", argv[optind - 1]);
			rc = OPTIONS_USAGE;
			break;
		}
		if (rc != OPTIONS_OK)
			return rc;
	}
	if (optind < argc) {
		if (o->capture_filter != NULL) {
			*cause = xasprintf("capture filter given twice (-f and "
			    "trailing words)");
			return OPTIONS_USAGE;
		}
		o->capture_filter = join_words(argc, argv, optind);
	}
	if (o->format == OUT_FIELDS && o->nfields == 0) {
		*cause = xasprintf("-T fields needs at least one -e FIELD");
		return OPTIONS_USAGE;
	}
	if (o->nfields > 0 && o->format != OUT_FIELDS) {
		*cause = xasprintf("-e needs -T fields");
		return OPTIONS_USAGE;
	}
	if ((o->json_filter != NULL || o->json_merge) &&
	    o->format != OUT_JSON) {
		*cause = xasprintf("%s needs -T json", o->json_merge ?
		    "--no-duplicate-keys" : o->json_filter_top ? "-J" : "-j");
		return OPTIONS_USAGE;
	}
	if (o->hex && o->format == OUT_JSON) {
		*cause = xasprintf("-x does not go with -T json (wiretop writes "
		    "no _raw values; -T jsonl -x prints dumps)");
		return OPTIONS_USAGE;
	}
	if (o->flow_filter != NULL && o->headless &&
	    o->stats == STATS_NONE) {
		*cause = xasprintf("--flow-filter needs --stats (or the TUI)");
		return OPTIONS_USAGE;
	}
	if (o->iface != NULL && o->read_file != NULL) {
		*cause = xasprintf("-i and -r cannot be used together");
		return OPTIONS_USAGE;
	}
	/* Headless with nothing else asked: the summary line, like tcpdump;
	   -z without -q prints it too, as tshark does. */
	if (o->hex && o->format == OUT_NONE)
		o->summary = true;
	if (o->nztables > 0 && !o->quiet && o->format == OUT_NONE)
		o->summary = true;
	if (o->summary && o->format == OUT_NONE)
		o->format = OUT_SUMMARY;
	/* Without a terminal there is no UI: print summaries. */
	if (!o->headless && !o->list_fields && !o->list_ifaces &&
	    !isatty(STDOUT_FILENO)) {
		o->headless = true;
		o->summary = true;
		o->format = OUT_SUMMARY;
	}
	return OPTIONS_OK;
}

void
options_free(struct options *o)
{
	free(o->capture_filter);
	o->capture_filter = NULL;
}

void
options_model_config(const struct options *o, bool read_back,
    struct model_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->ring_packets = o->ring_packets;
	cfg->ring_bytes = o->ring_mb << 20;
	/* Nobody looks back into the ring: keeping none saves a record
	   copy per packet and the cache the ring would take from the flow
	   table. */
	cfg->no_records = !read_back && !o->ring_set;
	cfg->max_flows = o->max_flows;
	cfg->max_talkers = MODEL_DEFAULT_MAX_TALKERS;
	cfg->flow_idle_ns = MODEL_DEFAULT_FLOW_IDLE_NS;
}
