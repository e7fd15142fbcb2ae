/*
 * Dropping privileges after the capture socket is open.  There is no
 * libcap in the build: capabilities are read and written with the raw
 * capget/capset system calls (version 3, two 32-bit words per set).
 *
 * Order matters: the bounding and ambient sets first (they need
 * CAP_SETPCAP), then groups and gid (they need CAP_SETGID), then uid, then
 * whatever capabilities are left, and no-new-privs last, so that nothing
 * executed later can gain privileges back.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "capture/privs.h"
#include "util.h"

#define CAP_WORDS	2

/* Read this process's capability sets. */
static int
caps_get(struct __user_cap_data_struct data[CAP_WORDS])
{
	struct __user_cap_header_struct hdr;

	memset(&hdr, 0, sizeof hdr);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	hdr.pid = 0;
	memset(data, 0, sizeof *data * CAP_WORDS);
	return (int)syscall(SYS_capget, &hdr, data);
}

/* Empty this process's effective, permitted and inheritable sets. */
static int
caps_clear(void)
{
	struct __user_cap_header_struct hdr;
	struct __user_cap_data_struct data[CAP_WORDS];

	memset(&hdr, 0, sizeof hdr);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	hdr.pid = 0;
	memset(data, 0, sizeof data);
	return (int)syscall(SYS_capset, &hdr, data);
}

/* Does the process still hold a capability? */
bool
privs_have_any(void)
{
	struct __user_cap_data_struct data[CAP_WORDS];
	int i;

	if (caps_get(data) != 0)
		return false;
	for (i = 0; i < CAP_WORDS; i++)
		if (data[i].effective != 0 || data[i].permitted != 0)
			return true;
	return false;
}

/* The user root becomes without -Z. */
const char *
privs_default_user(void)
{
	const char *sudo = getenv("SUDO_USER");

	if (sudo != NULL && *sudo != '\0' && strcmp(sudo, "root") != 0)
		return sudo;
	return "nobody";
}

/* Empty the bounding set (needs CAP_SETPCAP; harmless without it). */
static void
bounding_clear(void)
{
	int cap;

	for (cap = 0; cap < 64; cap++) {
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0)
			break;	/* past the last capability */
		(void)prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
	}
#ifdef PR_CAP_AMBIENT
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
#endif
}

/* As root: become pw with no supplementary groups.  0 or -1 with cause. */
static int
switch_user(const struct passwd *pw, char **cause)
{
	if (setgroups(0, NULL) != 0) {
		*cause = xasprintf("cannot drop supplementary groups: %s",
		    strerror(errno));
		return -1;
	}
	if (setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0) {
		*cause = xasprintf("cannot switch to group %lu: %s",
		    (unsigned long)pw->pw_gid, strerror(errno));
		return -1;
	}
	if (setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) != 0) {
		*cause = xasprintf("cannot switch to user %s: %s",
		    pw->pw_name, strerror(errno));
		return -1;
	}
	/* Make sure there is no way back. */
	if (pw->pw_uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		*cause = xasprintf("switched to user %s but could become root "
		    "again", pw->pw_name);
		return -1;
	}
	return 0;
}

/* Give up every capability and, as root, the identity (see privs.h). */
int
privs_drop(const char *user, char **cause)
{
	const struct passwd *pw = NULL;
	bool explicit = user != NULL;

	if (user == NULL)
		user = privs_default_user();
	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL && explicit) {
		*cause = xasprintf("cannot switch to user %s: no such user",
		    user);
		return -1;
	}
	if (geteuid() != 0 && explicit && pw->pw_uid != geteuid()) {
		*cause = xasprintf("cannot switch to user %s: only root can "
		    "(-Z)", user);
		return -1;
	}
	(void)prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	bounding_clear();
	if (geteuid() == 0 && pw != NULL && switch_user(pw, cause) != 0)
		return -1;
	if (geteuid() == 0 && pw == NULL) {
		/* No such default user: stay root, but with nothing of it. */
		if (setgroups(0, NULL) != 0) {
			*cause = xasprintf("cannot drop supplementary groups: "
			    "%s", strerror(errno));
			return -1;
		}
	}
	if (caps_clear() != 0) {
		*cause = xasprintf("cannot drop capabilities: %s",
		    strerror(errno));
		return -1;
	}
	if (privs_have_any()) {
		*cause = xasprintf("capabilities are still held after "
		    "dropping them");
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		*cause = xasprintf("cannot set no-new-privs: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}
