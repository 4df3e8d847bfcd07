/* SPDX-License-Identifier: GPL-2.0-only */
/* capture_notes: the comment on each packet of a .pcapng capture — the
 * script line that injected or expected it, and the kernel's TCP state after
 * it — from the run's recorder. */
#ifndef RUNTIME_DIAGRAM_CAPTURE_NOTES_H
#define RUNTIME_DIAGRAM_CAPTURE_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A pcap_log_note_fn (netdev/pcap_log.h) whose ctx is the run (struct run,
 * with its recorder). An injected packet is the script line's whose bytes it
 * has, a sent one the line's that took the packet with this kernel
 * timestamp; a packet no line took says so and names the line before it:
 *   "state_time_wait.pkt:9: injected by `< S 0:0(0) win 65535 <mss 1460>`;
 *    TCP state after it: SYN_RECV"
 * Returns a malloc'd string. */
char *capture_note(void *run, const uint8_t *pkt, size_t len, int64_t mono_ns, bool outgoing);

#endif
