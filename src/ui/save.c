/*
 * Saving packets (w): the dialog asks what to save (the packets shown,
 * the marked ones, or the selected flow's) and where, showing the whole
 * path it will write, and never replaces a file without a yes.  Files
 * are written through the same writer as -w, as the user wiretop runs as
 * by then: after the privilege drop that is the unprivileged user, so the
 * default place is decided before the drop (ui_prepare_save()): the
 * current directory if that user can write it, else a directory of its
 * own made in /tmp for the run (removed at exit if nothing was saved).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture/privs.h"
#include "output/dump.h"
#include "ui/views.h"
#include "util.h"

static char save_cwd[PATH_MAX];		/* "" if unknown */
static char save_tmp[64];		/* the run's own directory, or "" */

/* Decide where w saves while still the user who started wiretop. */
int
ui_prepare_save(const struct options *o, char **cause)
{
	const char *user = o->user != NULL ? o->user : privs_default_user();
	struct passwd *pw;
	struct stat st;

	if (getcwd(save_cwd, sizeof save_cwd) == NULL)
		save_cwd[0] = '\0';
	if (geteuid() != 0 || (pw = getpwnam(user)) == NULL ||
	    pw->pw_uid == 0)
		return 0;
	/* Can the unprivileged user write here?  A directory it owns or
	   that is writable by all (as the tests' sticky ones are). */
	if (save_cwd[0] != '\0' && stat(save_cwd, &st) == 0 &&
	    ((st.st_uid == pw->pw_uid && (st.st_mode & S_IWUSR)) ||
	    (st.st_mode & S_IWOTH)))
		return 0;
	snprintf(save_tmp, sizeof save_tmp, "/tmp/wiretop-saved-XXXXXX");
	if (mkdtemp(save_tmp) == NULL ||
	    chown(save_tmp, pw->pw_uid, pw->pw_gid) != 0) {
		*cause = xasprintf("cannot make a directory for saved "
		    "packets in /tmp: %s", strerror(errno));
		if (save_tmp[0] != '\0')
			(void)rmdir(save_tmp);
		save_tmp[0] = '\0';
		return -1;
	}
	return 0;
}

void
ui_save_cleanup(void)
{
	if (save_tmp[0] != '\0')
		(void)rmdir(save_tmp);	/* only if empty */
}

/* The path w offers for a save of what (its name ends in .ext): the
   directory decided before the privilege drop, a name from the time,
   whole so that the user sees where it goes (save.c, view_follow.c). */
void
save_default_path(const char *what, const char *ext, char *buf,
    size_t size)
{
	const char *dir = save_tmp[0] != '\0' ? save_tmp : save_cwd;
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	snprintf(buf, size, "%.400s%swiretop-%s-%s.%s", dir,
	    dir[0] != '\0' && strcmp(dir, "/") != 0 ? "/" : "", what, stamp,
	    ext);
}

/* The flow w offers: the drill-down's, the selected flows-view row's, or
   the selected packet's. */
static bool
offered_flow(struct ui *u, struct flow_view *f)
{
	if (u->view == VIEW_FLOWS)
		return flows_selected(u, f);
	if (u->view == VIEW_PACKETS && u->flow_only) {
		*f = u->flow_sel;
		return true;
	}
	if (u->view == VIEW_PACKETS && u->sel_number != 0)
		return shown_flow_of(u, u->sel_number, f);
	return false;
}

void
save_begin(struct ui *u)
{
	u->save_has_flow = offered_flow(u, &u->save_flow);
	u->input = INPUT_SAVE_WHAT;
}

/* Ask for the path of what was chosen. */
static void
ask_path(struct ui *u, enum ui_save what)
{
	static const char *const names[] = { "shown", "marked", "flow" };

	u->save_what = what;
	save_default_path(names[what], "pcap", u->line, sizeof u->line);
	u->line_len = strlen(u->line);
	u->input = INPUT_SAVE;
}

void
save_prompt(struct ui *u, char *buf, size_t size)
{
	switch (u->input) {
	case INPUT_SAVE_WHAT:
		snprintf(buf, size, "save: s shown (%zu)%s%s  Esc cancel",
		    ui_shown_count(u), marks_count(u) > 0 ? "  m marked" : "",
		    u->save_has_flow ? "  f the flow" : "");
		return;
	case INPUT_SAVE_CONFIRM:
		snprintf(buf, size, "%.400s exists: replace it? y/n ",
		    u->save_path);
		return;
	default:
		snprintf(buf, size, "save %s packets to: ", u->save_what ==
		    SAVE_SHOWN ? "shown" : u->save_what == SAVE_MARKED ?
		    "marked" : "the flow's");
	}
}

/* Packet i of what is saved, and how many there are (i = SIZE_MAX). */
static uint64_t
saved_number(struct ui *u, size_t i)
{
	switch (u->save_what) {
	case SAVE_MARKED:
		return i == SIZE_MAX ? u->nmarks : u->marks[i];
	case SAVE_SHOWN:
		return i == SIZE_MAX ? ui_shown_count(u) :
		    ui_shown_number(u, i);
	default:	/* every packet, the flow's are picked */
		if (u->last == 0)
			return 0;
		return i == SIZE_MAX ? u->last - u->first + 1 : u->first + i;
	}
}

/* Write what was chosen to path (replacing it only if replace). */
static void
save_write(struct ui *u, const char *path, bool replace)
{
	static uint8_t buf[SNAPLEN_MAX];
	struct frame_meta fm;
	struct dump *d;
	char *cause = NULL;
	size_t i, n, saved = 0;

	/* Every packet the filter would show, not only those matched yet. */
	if (u->save_what == SAVE_SHOWN)
		shown_step(u, 0);
	n = (size_t)saved_number(u, SIZE_MAX);
	d = dump_open(path, u->link, u->snaplen, replace, &cause);
	if (d == NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		bool ok;

		model_lock(u->m);
		ok = model_ring_frame(u->m, saved_number(u, i), &fm, buf,
		    sizeof buf);
		model_unlock(u->m);
		if (!ok || (u->save_what == SAVE_FLOW &&
		    !shown_of_flow(&u->save_flow, &fm, buf)))
			continue;
		if (dump_write(d, &fm, buf, &cause) != 0)
			break;
		saved++;
	}
	if (cause == NULL)
		dump_close(d, &cause);
	else {
		char *ignored = NULL;

		dump_close(d, &ignored);
		free(ignored);
	}
	if (cause != NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
	} else
		ui_message(u, false, "saved %zu packets to %s", saved, path);
}

void
save_path_done(struct ui *u, const char *path)
{
	struct stat st;

	u->input = INPUT_NONE;
	if (path[0] == '\0')
		return;
	snprintf(u->save_path, sizeof u->save_path, "%s", path);
	if (lstat(path, &st) == 0) {
		u->input = INPUT_SAVE_CONFIRM;
		return;
	}
	save_write(u, path, false);
}

void
save_key(struct ui *u, int key)
{
	if (u->input == INPUT_SAVE_CONFIRM) {
		if (key == 'y' || key == 'Y') {
			u->input = INPUT_NONE;
			save_write(u, u->save_path, true);
		} else if (key == 'n' || key == 'N' || key == 27) {
			/* Back to the name, to type another. */
			snprintf(u->line, sizeof u->line, "%.*s",
			    (int)sizeof u->line - 1, u->save_path);
			u->line_len = strlen(u->line);
			u->input = INPUT_SAVE;
		}
		return;
	}
	switch (key) {
	case 's':
		ask_path(u, SAVE_SHOWN);
		return;
	case 'm':
		if (marks_count(u) > 0)
			ask_path(u, SAVE_MARKED);
		return;
	case 'f':
		if (u->save_has_flow)
			ask_path(u, SAVE_FLOW);
		return;
	case 27:
	case 'q':
		u->input = INPUT_NONE;
		return;
	}
}
