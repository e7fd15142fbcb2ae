/* The command line (DESIGN.md "Command line"), parsed into one struct. */
#ifndef WIRETOP_OPTIONS_H
#define WIRETOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/field.h"
#include "output/zspec.h"

enum stats_format {
	STATS_NONE,
	STATS_TEXT,
	STATS_JSON
};

enum output_format {
	OUT_NONE,	/* no per-packet output (--stats alone, or TUI) */
	OUT_SUMMARY,	/* -P */
	OUT_TREE,	/* -V (with -P: summary line first) */
	OUT_FIELDS,	/* -T fields */
	OUT_JSON,	/* -T json: tshark's array of packets */
	OUT_JSONL	/* -T jsonl: one JSON object a line */
};

#define OPTIONS_MAX_FIELDS	256

/* -E: how -T fields prints (tshark's field print options). */
enum fields_occurrence {
	OCCURRENCE_ALL,		/* a: every occurrence (the default) */
	OCCURRENCE_FIRST,	/* f */
	OCCURRENCE_LAST		/* l */
};

struct fields_format {
	bool		 bom;		/* bom=y: a UTF-8 BOM first */
	bool		 header;	/* header=y: the field names first */
	char		 separator;	/* between fields: tab */
	char		 aggregator;	/* between occurrences: comma */
	char		 quote;		/* around each value: none ('\0') */
	enum fields_occurrence occurrence;
};

struct options {
	const char	*iface;		/* -i */
	const char	*read_file;	/* -r */
	const char	*write_file;	/* -w */
	uint64_t	 count;		/* -c; 0: no limit */
	double		 duration;	/* --duration; 0: no limit */
	int		 snaplen;	/* -s */
	char		*capture_filter; /* -f or trailing words (malloc'd) */
	const char	*display_filter; /* -Y */
	const char	*flow_filter;	/* --flow-filter */
	int		 buffer_mb;	/* -B */
	bool		 promisc;	/* not -p */
	uint64_t	 ring_packets;	/* --ring */
	uint64_t	 ring_mb;	/* --ring-mb */
	bool		 ring_set;	/* --ring or --ring-mb given */
	uint64_t	 max_flows;	/* --max-flows */
	bool		 resolve;	/* not -n */
	bool		 mouse;		/* not --no-mouse */
	bool		 list_ifaces;	/* -D */
	const char	*user;		/* -Z */
	bool		 headless;	/* any of -P -V -x -T -q -z --stats */
	bool		 summary;	/* -P */
	enum output_format format;
	bool		 hex;		/* -x */
	const struct field_def *fields[OPTIONS_MAX_FIELDS];
	int		 nfields;
	struct fields_format fields_format; /* -E */
	int		 time_format;	/* -t: enum wtime_format */
	const char	*json_filter;	/* -j or -J: keys -T json expands */
	bool		 json_filter_top; /* it was -J: layers only, whole */
	bool		 json_merge;	/* --no-duplicate-keys */
	enum stats_format stats;
	const char	*stats_file;	/* --stats-file; NULL: stdout */
	bool		 quiet;		/* -q: no summary lines by default */
	struct zspec	 ztables[ZSPEC_MAX]; /* -z, in the order given */
	int		 nztables;
	uint64_t	 top;		/* --top */
	bool		 list_fields;	/* --list-fields */
};

#define OPTIONS_OK	0	/* go on */
#define OPTIONS_EXIT	1	/* done (help, version): exit 0 */
#define OPTIONS_USAGE	2	/* usage error: *cause says what; exit 2 */

/* Parse argv into o.  *cause (caller frees) explains a usage error. */
int	options_parse(int argc, char **argv, struct options *o, char **cause);
void	options_free(struct options *o);

struct model_config;
/* The model's bounds as the options ask for them (--ring, --max-flows).
   read_back: packets are looked at again after they are added (the TUI,
   headless printing from the ring); if not, and --ring was not given,
   the ring is small. */
void	options_model_config(const struct options *o, bool read_back,
	    struct model_config *cfg);

#endif
