/* pcap_log: collects the packets of a run and writes them to a pcap file (libpcap). */
#include "netdev/pcap_log.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct pcap_record {
	int64_t mono_ns;
	uint32_t len;
	uint8_t *data;
};

struct pcap_log {
	pcap_t *pcap;
	pcap_dumper_t *dumper;
	struct pcap_record *v;
	size_t n, cap;
};

int pcap_log_open(struct pcap_log **out, const char *path, struct strbuf *err)
{
	struct pcap_log *l = xcalloc(1, sizeof(*l));

	l->pcap = pcap_open_dead_with_tstamp_precision(DLT_RAW, 65535, PCAP_TSTAMP_PRECISION_NANO);
	l->dumper = l->pcap ? pcap_dump_open(l->pcap, path) : NULL;
	if (!l->dumper) {
		strbuf_printf(err, "cannot write pcap file %s: %s", path,
			      l->pcap ? pcap_geterr(l->pcap) : "pcap_open_dead failed");
		if (l->pcap)
			pcap_close(l->pcap);
		free(l);
		return -1;
	}
	*out = l;
	return 0;
}

void pcap_log_add(void *log, const uint8_t *pkt, size_t len, const struct timespec *mono_stamp)
{
	struct pcap_log *l = log;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	struct pcap_record *r = &l->v[l->n++];
	r->mono_ns = (int64_t)mono_stamp->tv_sec * 1000000000 + mono_stamp->tv_nsec;
	r->len = (uint32_t)len;
	r->data = xmalloc(len ? len : 1);
	memcpy(r->data, pkt, len);
}

static int by_time(const void *a, const void *b)
{
	const struct pcap_record *x = a, *y = b;

	return (x->mono_ns > y->mono_ns) - (x->mono_ns < y->mono_ns);
}

/* Wall clock minus monotonic clock, for the records' timestamps. */
static int64_t wall_offset_ns(void)
{
	struct timespec m, r;

	clock_gettime(CLOCK_MONOTONIC, &m);
	clock_gettime(CLOCK_REALTIME, &r);
	return ((int64_t)r.tv_sec - m.tv_sec) * 1000000000 + (r.tv_nsec - m.tv_nsec);
}

int pcap_log_close(struct pcap_log *l, struct strbuf *err)
{
	int64_t offset = wall_offset_ns();
	int rc = 0;

	qsort(l->v, l->n, sizeof(*l->v), by_time);
	for (size_t i = 0; i < l->n; i++) {
		int64_t ns = l->v[i].mono_ns + offset;
		/* with nanosecond precision, ts.tv_usec holds nanoseconds */
		struct pcap_pkthdr h = { .caplen = l->v[i].len, .len = l->v[i].len };
		h.ts.tv_sec = ns / 1000000000;
		h.ts.tv_usec = ns % 1000000000;
		pcap_dump((u_char *)l->dumper, &h, l->v[i].data);
		free(l->v[i].data);
	}
	if (pcap_dump_flush(l->dumper)) {
		strbuf_printf(err, "cannot write pcap file: %s", pcap_geterr(l->pcap));
		rc = -1;
	}
	pcap_dump_close(l->dumper);
	pcap_close(l->pcap);
	free(l->v);
	free(l);
	return rc;
}
