/*
 * Giving up privileges once the capture socket is open: every capability,
 * and as root the identity too (-Z USER), then no-new-privs.
 */
#ifndef WIRETOP_PRIVS_H
#define WIRETOP_PRIVS_H

#include <stdbool.h>

/*
 * The user root switches to without -Z: the user sudo ran us for
 * ($SUDO_USER), else "nobody".
 */
const char	*privs_default_user(void);
/*
 * Drop every capability (effective, permitted, inheritable, ambient and,
 * when allowed, the bounding set), as root switch to user (NULL: the
 * default) with no supplementary groups, and set PR_SET_NO_NEW_PRIVS.
 * 0, or -1 with *cause (caller frees): then the caller must not go on.
 */
int		 privs_drop(const char *user, char **cause);
/* Does this process hold any capability in its effective set? */
bool		 privs_have_any(void);

#endif
