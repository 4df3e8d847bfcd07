/* SPDX-License-Identifier: GPL-2.0-only */
/* pcap_log: collects the packets of a run and writes them to a capture file: classic pcap
 * (libpcap), or pcapng with a comment on each packet (netdev/pcapng.c). */
#include "netdev/pcap_log.h"

#ifdef PCAP_DLOPEN
#include <dlfcn.h>
#endif
#include <pcap/pcap.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netdev/pcapng.h"
#include "parser/util/partial_file.h"
#include "parser/util/xalloc.h"

/* libpcap is linked as a shared library (the distribution's, updated with
 * it). With make STATIC=1 (PCAP_DLOPEN) it is loaded only when a run asks for
 * a capture instead: linked at start-up, it and the libraries it pulls in
 * (dbus, systemd, gcrypt, lz4, zstd ...) cost the dynamic loader time on
 * every run (bench/README.md). */
#define PCAP_FUNCTIONS(X)                                                                          \
	X(pcap_t *, pcap_open_dead_with_tstamp_precision, (int, int, u_int))                       \
	X(pcap_dumper_t *, pcap_dump_open, (pcap_t *, const char *))                               \
	X(void, pcap_dump, (u_char *, const struct pcap_pkthdr *, const u_char *))                 \
	X(int, pcap_dump_flush, (pcap_dumper_t *))                                                 \
	X(void, pcap_dump_close, (pcap_dumper_t *))                                                \
	X(void, pcap_close, (pcap_t *))                                                            \
	X(char *, pcap_geterr, (pcap_t *))                                                         \
	X(FILE *, pcap_dump_file, (pcap_dumper_t *))

struct pcap_api {
#define X(ret, name, args) ret(*name) args;
	PCAP_FUNCTIONS(X)
#undef X
};

#ifndef PCAP_DLOPEN
static const struct pcap_api pcap = {
#define X(ret, name, args) name,
    PCAP_FUNCTIONS(X)
#undef X
};

static int pcap_load(struct strbuf *err)
{
	return 0;
}
#else
static struct pcap_api pcap;

static int pcap_load(struct strbuf *err)
{
	static void *lib;

	if (lib)
		return 0;
	lib = dlopen(PCAP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		strbuf_printf(err, "cannot load libpcap (%s): %s", PCAP_SONAME, dlerror());
		return -1;
	}
#define X(ret, name, args)                                                                         \
	*(void **)&pcap.name = dlsym(lib, #name);                                                  \
	if (!pcap.name) {                                                                          \
		strbuf_printf(err, "libpcap (%s) has no %s", PCAP_SONAME, #name);                  \
		return -1;                                                                         \
	}
	PCAP_FUNCTIONS(X)
#undef X
	return 0;
}
#endif

struct pcap_record {
	int64_t mono_ns;
	uint32_t len;
	bool outgoing;
	uint8_t *data;
};

struct pcap_log {
	char *path;
	pcap_t *pcap;
	pcap_dumper_t *dumper;
	FILE *ng; /* a .pcapng file: written here, not by libpcap */
	struct pcap_record *v;
	size_t n, cap;
};

/* A .pcapng file: no libpcap needed (nor loaded). An existing file is not
 * truncated here but cut to its new length when written: on ext4, truncating
 * a file that holds data costs 0.25-0.5 ms of the run (bench/diagram_cost.py,
 * issue #17's budget). Its first bytes are zeroed at once instead, so that a
 * run that dies leaves no old capture that readers take for this one. */
static int pcapng_open(struct pcap_log **out, const char *path, struct strbuf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	bool made = fd >= 0;

	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_WRONLY | O_CLOEXEC);
	FILE *f = fd < 0 || pwrite(fd, "\0\0\0\0", 4, 0) != 4 ? NULL : fdopen(fd, "w");
	if (!f) {
		strbuf_printf(err, "cannot write pcapng file %s: %s", path,
			      strerror(errno ? errno : EIO));
		if (fd >= 0)
			close(fd);
		if (made)
			partial_file_remove(path);
		return -1;
	}
	struct pcap_log *l = xcalloc(1, sizeof(*l));
	l->ng = f;
	l->path = xstrdup(path);
	*out = l;
	return 0;
}

int pcap_log_open(struct pcap_log **out, const char *path, struct strbuf *err)
{
	if (str_ends_with(path, ".pcapng"))
		return pcapng_open(out, path, err);
	if (pcap_load(err))
		return -1;
	struct pcap_log *l = xcalloc(1, sizeof(*l));

	l->pcap =
	    pcap.pcap_open_dead_with_tstamp_precision(DLT_RAW, 65535, PCAP_TSTAMP_PRECISION_NANO);
	l->dumper = l->pcap ? pcap.pcap_dump_open(l->pcap, path) : NULL;
	if (!l->dumper) {
		strbuf_printf(err, "cannot write pcap file %s: %s", path,
			      l->pcap ? pcap.pcap_geterr(l->pcap) : "pcap_open_dead failed");
		if (l->pcap)
			pcap.pcap_close(l->pcap);
		free(l);
		return -1;
	}
	l->path = xstrdup(path);
	*out = l;
	return 0;
}

void pcap_log_add(void *log, const uint8_t *pkt, size_t len, const struct timespec *mono_stamp,
		  bool outgoing)
{
	struct pcap_log *l = log;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	struct pcap_record *r = &l->v[l->n++];
	r->mono_ns = (int64_t)mono_stamp->tv_sec * 1000000000 + mono_stamp->tv_nsec;
	r->len = (uint32_t)len;
	r->outgoing = outgoing;
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

/* Writes the records with libpcap. Returns 0, or -1 with errno set. */
static int write_classic(struct pcap_log *l, int64_t offset)
{
	for (size_t i = 0; i < l->n; i++) {
		int64_t ns = l->v[i].mono_ns + offset;
		/* with nanosecond precision, ts.tv_usec holds nanoseconds */
		struct pcap_pkthdr h = {.caplen = l->v[i].len, .len = l->v[i].len};
		h.ts.tv_sec = ns / 1000000000;
		h.ts.tv_usec = ns % 1000000000;
		pcap.pcap_dump((u_char *)l->dumper, &h, l->v[i].data);
	}
	/* pcap_dump() has no status: the stream's error flag, and the flush
	 * (which writes what is left, where a full disk shows), tell. */
	errno = 0;
	int rc = pcap.pcap_dump_flush(l->dumper) || ferror(pcap.pcap_dump_file(l->dumper)) ||
		 fsync(fileno(pcap.pcap_dump_file(l->dumper)));
	pcap.pcap_dump_close(l->dumper);
	pcap.pcap_close(l->pcap);
	return rc ? -1 : 0;
}

/* Writes the records as pcapng, each with the comment note gives it.
 * Returns 0, or -1 with errno set. */
static int write_pcapng(struct pcap_log *l, int64_t offset, pcap_log_note_fn *note, void *ctx)
{
	int rc = 0;

	errno = 0;
	if (pcapng_write_header(l->ng, "tun0"))
		rc = -1;
	for (size_t i = 0; i < l->n && !rc; i++) {
		const struct pcap_record *r = &l->v[i];
		char *text = note ? note(ctx, r->data, r->len, r->mono_ns, r->outgoing) : NULL;
		rc = pcapng_write_packet(l->ng, r->mono_ns + offset, r->data, r->len, r->outgoing,
					 text);
		free(text);
	}
	/* A full disk shows at the flush. No fsync, unlike the classic file's:
	 * on ext4 it costs 0.3-3 ms of the run's wall time, past what a run may
	 * spend on its pictures (issue #17, bench/diagram_cost.py); the other
	 * outputs (--diagram, --state-graph) are not synced either. */
	long end = ftell(l->ng);
	if (fflush(l->ng) || ferror(l->ng) || end < 0 || ftruncate(fileno(l->ng), end))
		rc = -1;
	if (fclose(l->ng))
		rc = -1;
	return rc;
}

int pcap_log_close(struct pcap_log *l, pcap_log_note_fn *note, void *ctx, struct strbuf *err)
{
	int64_t offset = wall_offset_ns();

	qsort(l->v, l->n, sizeof(*l->v), by_time);
	int rc = l->ng ? write_pcapng(l, offset, note, ctx) : write_classic(l, offset);
	if (rc) {
		strbuf_printf(err, "cannot write %s file %s: %s", l->ng ? "pcapng" : "pcap",
			      l->path, strerror(errno ? errno : EIO));
		partial_file_remove(l->path); /* no truncated capture that looks whole */
	}
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].data);
	free(l->path);
	free(l->v);
	free(l);
	return rc;
}
