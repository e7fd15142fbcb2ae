/*
 * The UI's state and the functions of its views and panes.  Only the UI
 * thread touches struct ui.  Views copy what they draw from the model under
 * its lock, then draw without it; copies whose cost grows with the flow or
 * talker tables are made by the snapshot thread (struct ui_job), never
 * inside a frame.
 */
#ifndef WIRETOP_VIEWS_H
#define WIRETOP_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dfilter/rowfilter.h"
#include "model/model.h"
#include "options.h"
#include "ui/curses_include.h"
#include "ui/ui.h"


struct filter;
struct detail;
struct ui;
struct ui_worker;

enum ui_view {
	VIEW_PACKETS,
	VIEW_FLOWS,
	VIEW_TALKERS,
	VIEW_PROTOCOLS,
	VIEW_FOLLOW	/* a stream's payload (f), not in the 1-4 keys */
};

/* A part of the screen the last frame drew (screen rows and columns),
   for the mouse; h == 0: not drawn. */
struct ui_rect {
	int	y, x, h, w;
};

enum ui_focus {
	FOCUS_LIST,
	FOCUS_TREE,
	FOCUS_HEX
};

enum ui_time {
	TIME_RELATIVE,
	TIME_ABSOLUTE,
	TIME_DELTA
};

enum ui_sort {
	SORT_BYTES,
	SORT_PACKETS,
	SORT_RATE,
	SORT_LAST,
	SORT_MAX
};

enum ui_input {
	INPUT_NONE,
	INPUT_FILTER,	/* typing a display filter after / */
	INPUT_SAVE_WHAT, /* w: shown, marked or the flow? */
	INPUT_SAVE,	/* typing the file name to save to */
	INPUT_SAVE_CONFIRM, /* the file exists: replace it? */
	INPUT_SEARCH	/* typing a search after Ctrl-F */
};

/* What w saves. */
enum ui_save {
	SAVE_SHOWN,	/* the packets shown (display filter, drill-down) */
	SAVE_MARKED,
	SAVE_FLOW	/* the selected flow's packets */
};

/*
 * A view: what it is called (the frame statistics), how it draws itself
 * into the main window, and the keys it takes before the global ones
 * (true: taken).  Its state lives in its own file or in struct ui when
 * other views change it (the talker whose flows are shown).
 */
struct ui_view_ops {
	const char	*name;
	void		(*draw)(struct ui *u, WINDOW *w);
	bool		(*key)(struct ui *u, int key);
};

/* Colour pairs (monochrome terminals get attributes instead). */
enum ui_color {
	C_STATUS = 1,
	C_TCP,
	C_UDP,
	C_ICMP,
	C_ARP,
	C_DNS,
	C_BAD,
	C_HIGHLIGHT,
	C_TITLE,
	C_ERROR,
	C_GOOD
};

enum ui_job_state {
	JOB_IDLE,	/* the UI thread's: fill the request, post it */
	JOB_QUEUED,	/* the snapshot thread's from here ... */
	JOB_RUNNING,
	JOB_DONE	/* ... to here: ui_job_take() gives it back */
};

/*
 * Work for the snapshot thread.  A view embeds this at the start of its
 * job (request and result buffer); while the job is out (posted, not yet
 * taken back) only run() touches them, on that thread, and never struct
 * ui.  state and urgent are under the thread's lock.
 */
struct ui_job {
	void		(*run)(struct ui_job *j, struct model *m);
	enum ui_job_state state;
	bool		 urgent;	/* a frame at once when it is done */
};

#define UI_ROW_FILTER_MAX	256

/* What a view's copy of a model table (flows, talkers) is of. */
struct ui_rows_req {
	enum ui_sort	 sort;
	bool		 reverse;
	bool		 talker;	/* only the flows of one talker */
	uint8_t		 tver, taddr[16];
	uint32_t	 tflows;	/* its flows as the talkers view said */
	size_t		 want;		/* rows */
	/* Only the rows this row filter matches ("": all); the job
	   compiles the text itself (ui_rows_filter()), so that no filter is
	   shared between the threads. */
	char		 filter[UI_ROW_FILTER_MAX];
	bool		 live;		/* age is to the clock, not to the
					   newest packet */
};

/* The snapshot thread's compiled form of a view's row filter. */
struct ui_rows_filter {
	char		 text[UI_ROW_FILTER_MAX];
	struct rowfilter *rf;
};

/* A finished copy: the first rows of the table in the request's order. */
struct ui_rows_copy {
	struct ui_rows_req req;
	void		*v;		/* rows of struct ui_rows' size */
	size_t		 cap, n;
	size_t		 total;		/* rows in the table (or the talker's) */
	uint64_t	 gen;		/* the model's generation copied */
	int64_t		 at, cost;	/* when it was made, how long it took */
	bool		 valid;
};

/* On the snapshot thread, under the model's lock: copy the first r->want
   rows of a table in r's order (r is the argument model_flows() and
   model_talkers() hand the comparator) to rows, return how many, and set
   *total to the rows in the table. */
typedef size_t	ui_rows_fill(const struct ui_rows_req *r, struct model *m,
		    void *rows, size_t *total);

/*
 * A view's copy of the first rows of a model table (top-N, never the whole
 * table), made by the snapshot thread so that a frame never waits for it.
 * Frames draw front, the newest finished copy; the job fills copy while it
 * is out, and the two swap buffers when it is taken back.  Set job.run
 * (ui_rows_run(), or a function that calls it), size and fill once.
 */
struct ui_rows {
	struct ui_job	 job;		/* first: run() gets its address */
	size_t		 size;		/* of a row */
	ui_rows_fill	*fill;
	struct ui_rows_req req;		/* the job's request */
	struct ui_rows_copy copy;	/* the job's result */
	bool		 out;		/* posted and not taken back yet */
	struct ui_rows_copy front;	/* what frames draw */
};

/* Rows of a list view that scroll and have a selection. */
struct ui_scroll {
	size_t	sel;		/* selected row */
	size_t	top;		/* first row drawn */
};

struct ui {
	const struct options	*o;
	struct model		*m;
	struct feed		*feed;		/* asked for status only */
	const char		*source_name;	/* interface or file */
	bool			 is_live;	/* an interface, not a file */
	int			 link, snaplen;	/* of the packets */
	int			 wake[2];	/* worker and signals wake
						   the loop */
	bool			 colors;
	bool			 utf8;		/* the locale can show UTF-8 */
	int			 rows, cols;
	enum ui_view		 view;
	bool			 paused;
	bool			 follow;
	bool			 resolve;
	bool			 quit;
	bool			 show_help;
	enum ui_time		 time_mode;

	/* Counters copied each frame: live keeps counting while paused (the
	   status line), tot and the ring's span are what the views show and
	   freeze while paused. */
	struct model_totals	 live;
	struct model_totals	 tot;
	uint64_t		 first, last;	/* packet numbers in the ring */
	uint64_t		 dropped;
	bool			 finished;	/* the source ended */
	uint64_t		 file_read, file_size;	/* a file's bytes
						   read so far, of (progress) */
	bool			 indexed;	/* a file browsed whole (every
						   packet kept by position) */
	uint64_t		 gen;		/* model generation of tot */
	int64_t			 now;		/* monotonic ns of this frame */
	/* A view whose copy is stale asks for a frame at this time (0:
	   none); nothing else wakes an idle UI. */
	int64_t			 redraw_at;
	FILE			*frame_stats;	/* WIRETOP_FRAME_STATS */
	struct ui_worker	*worker;	/* the snapshot thread */
	/* Rates from the last one-second sample. */
	int64_t			 rate_clock_ns;
	struct model_totals	 rate_prev;
	double			 pps, bps;
	double			 proto_pps[P_MAX];
	double			 proto_bps[P_MAX];

	/* The display filter and the packets it matched so far. */
	struct filter		*display;
	char			 display_text[256];
	uint64_t		*match;		/* matching numbers, ascending */
	size_t			 nmatch, capmatch, match_start;
	uint64_t		 scanned;	/* numbers up to this are done */
	uint64_t		 scan_from;	/* first number of this filter */

	/* Packets view: the selection is a packet number. */
	uint64_t		 sel_number;
	uint64_t		 top_number;
	size_t			 list_rows;	/* rows the list has on screen */

	/* Detail pane. */
	struct detail		*detail;
	enum ui_focus		 focus;

	/* Flows and talkers views. */
	/* Their row filters (/ there), as typed ("": none). */
	char			 flow_filter[UI_ROW_FILTER_MAX];
	char			 talker_filter[UI_ROW_FILTER_MAX];
	enum ui_sort		 sort;
	bool			 sort_reverse;
	struct ui_scroll	 flows_scroll, talkers_scroll, protos_scroll;
	bool			 talker_flows;	/* flows of one talker */
	uint8_t			 talker_ver;
	uint8_t			 talker_addr[16];
	uint32_t		 talker_nflows;	/* its flows when opened */

	/* Where the last frame put things (screen coordinates): the list's
	   rows without its heading, the detail panes, the bottom line. */
	struct ui_rect		 list_rect, tree_rect, hex_rect, bar_rect;
	int			 split;		/* list rows with the detail
						   pane open (0: default) */
	bool			 port_names;	/* services by name (p) */
	bool			 mouse;		/* --no-mouse clears it */

	/* Marked packets (marks.c), ascending. */
	uint64_t		*marks;
	size_t			 nmarks, capmarks;

	/* The search typed after Ctrl-F (search.c). */
	char			 search_text[256];
	bool			 searching;	/* n / N move to matches */

	/* Drill-down (nav.c): the packets view limited to one flow, and
	   the views to go back to with Esc / Backspace. */
	bool			 flow_only;
	struct flow_view	 flow_sel;
	enum ui_view		 back[4];
	size_t			 nback;

	/* Saving (save.c): what, the flow, the path typed. */
	enum ui_save		 save_what;
	struct flow_view	 save_flow;
	bool			 save_has_flow;
	char			 save_path[512];

	/* A warning about the source (a file cut short) shown under the
	   status line until x dismisses it. */
	char			 warning[512];

	/* The input line and a one-line message under the view. */
	enum ui_input		 input;
	char			 line[512];
	size_t			 line_len;
	char			 message[256];
	bool			 message_error;
};

/* loop.c: the loop and the frame */
void	ui_message(struct ui *u, bool error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Ask for a frame at monotonic time t even if nothing else changes. */
void	ui_redraw_at(struct ui *u, int64_t t);
/* Should a view's copy of the flow/talker tables be taken again now?
   (at most once a second when copying is slow, never while paused) */
bool	ui_copy_due(struct ui *u, uint64_t copied_gen, int64_t copied_at,
	    int64_t copy_ns);

/* worker.c: the snapshot thread; it writes wake_fd when a job is done */
struct ui_worker *worker_start(struct model *m, int wake_fd);
void	worker_stop(struct ui_worker *w);
/* Did a job finish since the last call (and did one want a frame at
   once)? */
bool	worker_poll(struct ui_worker *w, bool *urgent);
/* A frame is on the screen: start the jobs it posted. */
void	worker_kick(struct ui_worker *w);
/* Hand an idle job to the snapshot thread, which starts it once the frame
   is drawn (urgent: the view is wrong until it is done, so a frame at once
   then). */
void	ui_job_post(struct ui *u, struct ui_job *j, bool urgent);
/* A job that is out is needed urgently after all. */
void	ui_job_hurry(struct ui *u, struct ui_job *j);
/* Take a finished job back (true once per post). */
bool	ui_job_take(struct ui *u, struct ui_job *j);
/* rows.c: a view's top-N copy of the flow or talker table */
/* The request for the rows view v (VIEW_FLOWS, VIEW_TALKERS) shows now:
   in the sort the UI says, through the view's row filter, of one talker
   for the flows of one (want aside). */
void	ui_rows_req(const struct ui *u, enum ui_view v, struct ui_rows_req *r);
/* Apply a row filter typed after / in view v ("": clear it); a bad one
   says why and the previous one stays. */
void	ui_rows_filter_set(struct ui *u, enum ui_view v, const char *text);
/* The row filter of view v ("": none). */
const char *ui_rows_filter_text(const struct ui *u, enum ui_view v);
/* On the snapshot thread: r's row filter, compiled once into c (NULL:
   none, or it does not compile); what its age is measured to. */
struct rowfilter *ui_rows_filter(struct ui_rows_filter *c,
	    const struct ui_rows_req *r, enum rowfilter_kind kind);
int64_t	ui_rows_now(const struct ui_rows_req *r, struct model *m);
/* On the snapshot thread: fill the copy of a struct ui_rows' job. */
void	ui_rows_run(struct ui_job *j, struct model *m);
/* Order two rows by their values x, y of the sort key: largest first
   (reverse: smallest); inline, as comparators of whole tables call it. */
static inline int
ui_rows_order(double x, double y, bool reverse)
{
	int r = x > y ? -1 : x < y ? 1 : 0;

	return reverse ? -r : r;
}
/* Is the copy drawn of the rows r asks for (its order may still be an
   older one for a frame or two)? */
bool	ui_rows_shows(const struct ui_rows *rows, const struct ui_rows_req *r);
/* For a frame of page rows of list s: take a finished copy, ask for the
   next where needed, and fit s to the rows.  True if rows->front is the
   rows r asks for, to be drawn. */
bool	ui_rows_frame(struct ui *u, struct ui_rows *rows,
	    const struct ui_rows_req *r, struct ui_scroll *s, size_t page);

/* shown.c: the packets shown (those the display filter matches) */
/* The number of packets shown. */
size_t	ui_shown_count(struct ui *u);
/* The number of the i-th packet shown. */
uint64_t ui_shown_number(struct ui *u, size_t i);
/* The index of a packet number among those shown (or the nearest). */
size_t	ui_shown_index(struct ui *u, uint64_t number);
/* Is there display-filter work left (packets not yet looked at)? */
bool	shown_pending(const struct ui *u);
/* Filter packets not yet looked at for at most budget_ns (0: all);
   true if it looked at any. */
bool	shown_step(struct ui *u, int64_t budget_ns);
/* Forget matched numbers the ring has overwritten. */
void	shown_prune(struct ui *u);
/* Apply a display filter typed after '/' ("": clear it). */
void	shown_filter(struct ui *u, const char *text);
/* Match again from the start (the flow drill-down changed). */
void	shown_refilter(struct ui *u);
/* Is packet fm (bytes buf) of flow f, in either direction? */
bool	shown_of_flow(const struct flow_view *f, const struct frame_meta *fm,
	    const uint8_t *buf);
/* The flow (its 5-tuple) of packet number n; false if it has none. */
bool	shown_flow_of(struct ui *u, uint64_t n, struct flow_view *f);

/* save.c: w, what to save and where */
/* Start the dialog: ask what to save. */
void	save_begin(struct ui *u);
/* Keys while the dialog asks (INPUT_SAVE_WHAT, INPUT_SAVE_CONFIRM). */
void	save_key(struct ui *u, int key);
/* The file name typed (INPUT_SAVE): save, or ask to replace it. */
void	save_path_done(struct ui *u, const char *path);
/* The path offered for a save of what, ending in .ext (the directory
   the unprivileged user can write, a name from the time). */
void	save_default_path(const char *what, const char *ext, char *buf,
	    size_t size);
/* The prompt of the bottom line while the dialog runs. */
void	save_prompt(struct ui *u, char *buf, size_t size);
/* The flow the selected flows-view row is (view_flows.c); false if
   none. */
bool	flows_selected(struct ui *u, struct flow_view *f);

/* keys.c: one key, to the input line, help, the view or globally */
void	keys_handle(struct ui *u, int key);
/* The view table, by enum ui_view. */
const struct ui_view_ops *ui_view_of(enum ui_view v);

/* term.c: the terminal, its signals, the frame statistics file */
/* Start curses on the terminal ui_prepare() opened; stop signals and a
   window size change write wake_fd. */
void	term_start(struct ui *u, int wake_fd);
void	term_stop(void);
/* Did a stop signal (INT, TERM, HUP) arrive? */
bool	term_stopped(void);
/* The descriptor the keys come from. */
int	term_fd(void);

/* status.c: the top line, and the rates of everything captured over
   complete seconds (2 s, 10 s, 40 s), sampled each frame by
   rates_sample() (refresh_rates() in loop.c) */
void	status_draw(struct ui *u, WINDOW *w);
void	rates_sample(struct ui *u);
/* With the model's lock: the times the ring's packets span. */
void	rates_ring_span(struct ui *u);
void	rates_total(double pps[3], double bps[3], double *peak_bps);
/* A count or rate in at most 6 columns, 3 significant digits: 834k. */
void	human_short(char *buf, size_t size, double v);
/* view_flows.c: the TX/RX/total footer of the flows and talkers views
   (3 rows from row y; the flows of one talker if talker) */
void	flows_footer(struct ui *u, WINDOW *w, int y, bool talker);
/* The flows footer's sums, taken on the snapshot thread. */
void	flows_footer_take(struct model *m, bool talker, uint8_t ver,
	    const uint8_t *addr);

/* The views (view_*.c); view_flows also shows the flows of one talker. */
extern const struct ui_view_ops view_packets;
extern const struct ui_view_ops view_flows;
extern const struct ui_view_ops view_talkers;
extern const struct ui_view_ops view_protocols;

int	flow_cmp_for(enum ui_sort s, bool reverse, const struct flow_view *a,
	    const struct flow_view *b);

/* detail.c: the field tree and hex panes of one packet */
struct detail *detail_open(struct ui *u, uint64_t number);
void	detail_close(struct detail *d);
uint64_t detail_number(const struct detail *d);
/* Draw the field tree over the hex pane in w, sharing its rows (no blank
   rows while either is clipped); sets u->tree_rect and u->hex_rect. */
void	detail_draw(struct ui *u, struct detail *d, WINDOW *w);
/* Rows the two panes take when neither is clipped. */
int	detail_rows(const struct detail *d);
void	detail_draw_tree(struct detail *d, WINDOW *w, bool focused, bool colors);
void	detail_draw_hex(struct detail *d, WINDOW *w, bool focused, bool colors);
bool	detail_key_tree(struct detail *d, int key, int page);
bool	detail_key_hex(struct detail *d, int key, int page);
/* A click on row y, column x of the tree pane as last drawn (row 0: its
   title): selects that node, and on its marker expands/collapses it. */
void	detail_click(struct detail *d, int y, int x);
/* Select the first node from the selection on whose line has text (case
   ignored); false if none. */
bool	detail_find(struct detail *d, const char *text);
/* Select the smallest node that holds frame bytes [off, off + len) (a
   hex search's match); false if none. */
bool	detail_select_bytes(struct detail *d, uint32_t off, uint32_t len);
/* A click on row y, column x of the hex pane as last drawn: selects the
   smallest field holding that byte. */
void	detail_click_hex(struct detail *d, int y, int x);
/* Codes term.c gives Ctrl+Right / Ctrl+Left (past ncurses' own). */
#define KEY_CTRL_RIGHT	(KEY_MAX + 0x1001)
#define KEY_CTRL_LEFT	(KEY_MAX + 0x1002)

/* marks.c: packets marked with m */
bool	marks_has(const struct ui *u, uint64_t number);
void	marks_toggle(struct ui *u, uint64_t number);
size_t	marks_count(const struct ui *u);

/* search.c: Ctrl-F, n, N */
/* Search for text typed after Ctrl-F from the selection on. */
void	search_set(struct ui *u, const char *text);
/* The next (backward: previous) match from the selection, wrapping. */
void	search_next(struct ui *u, bool backward);
/* Is a search paused at its time budget (a large file)?  The loop may
   carry it on between frames with search_step(), as it does the display
   filter; a selection moved in between stops it. */
bool	search_pending(const struct ui *u);
void	search_step(struct ui *u, int64_t budget_ns);

/* follow.c, view_follow.c: follow a TCP/UDP stream (f) */
void	follow_open_packet(struct ui *u, uint64_t number);
void	follow_open_flow(struct ui *u, const struct flow_view *f);
extern const struct ui_view_ops view_follow;

/* nav.c: drill-down and back */
/* Show the packets of flow f (Enter in the flows view). */
void	ui_open_flow(struct ui *u, const struct flow_view *f);
/* Go to view v, remembering where the user was (Esc goes back). */
void	ui_push_view(struct ui *u, enum ui_view v);
/* Esc / Backspace: back one step; false if there is none. */
bool	ui_back(struct ui *u);

/* mouse.c: a KEY_MOUSE event (true: taken) */
bool	mouse_key(struct ui *u);
/* loop.c: the view whose name the bottom bar shows at column x, or -1. */
int	ui_bar_view_at(struct ui *u, int x);

/* help.c */
void	help_draw(struct ui *u, WINDOW *w);
/* A key while the help is shown: scroll or close it (false: not taken). */
bool	help_key(struct ui *u, int key);

/* Shared helpers for list views (view_packets.c). */
void	scroll_key(struct ui_scroll *s, int key, size_t count, size_t page);
void	scroll_fit(struct ui_scroll *s, size_t count, size_t page);
/* A human number: 1.2k, 3.4M. */
void	human(char *buf, size_t size, double v, const char *unit);
/* The Time column of a packet as the list shows it (search looks in it). */
void	ui_time_text(const struct ui *u, const struct frame_meta *fm,
	    char *buf, size_t size);

#endif
