/* The interfaces wiretop can capture on: -D, and the default for -i. */
#ifndef WIRETOP_IFLIST_H
#define WIRETOP_IFLIST_H

#include <stdio.h>

/* Print one numbered line per interface with its state and addresses,
   then "any".  0, or -1 with *cause (caller frees). */
int	 iflist_print(FILE *out, char **cause);
/* The first interface that is up and not loopback (caller frees); NULL
   with *cause if there is none. */
char	*iflist_default(char **cause);

#endif
