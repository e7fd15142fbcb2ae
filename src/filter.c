/* tcpdump-syntax filters run with libpcap's BPF interpreter on stored bytes. */
#include "config.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "util.h"

struct filter {
	struct bpf_program	 prog;
	char			*text;
};

struct filter *
filter_new(const char *expr, int link, int snaplen, char **cause)
{
	struct filter *f;
	pcap_t *dead;

	dead = pcap_open_dead(link, snaplen);
	if (dead == NULL) {
		*cause = xasprintf("cannot compile filter '%s': libpcap "
		    "refused link type %d", expr, link);
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	if (pcap_compile(dead, &f->prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		*cause = xasprintf("bad filter expression '%s': %s", expr,
		    pcap_geterr(dead));
		pcap_close(dead);
		free(f);
		return NULL;
	}
	pcap_close(dead);
	f->text = xstrdup(expr);
	return f;
}

bool
filter_match(const struct filter *f, const struct frame_meta *m,
    const uint8_t *data)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof h);
	h.caplen = m->caplen;
	h.len = m->wirelen;
	return pcap_offline_filter(&f->prog, &h, data) != 0;
}

const char *
filter_text(const struct filter *f)
{
	return f->text;
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	pcap_freecode(&f->prog);
	free(f->text);
	free(f);
}
