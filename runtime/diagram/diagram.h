/* SPDX-License-Identifier: GPL-2.0-only */
/* diagram: --diagram=FILE, the run as a ladder diagram in the format FILE's
 * name says (.svg: SVG; .mmd: Mermaid; .md: Mermaid in Markdown). */
#ifndef RUNTIME_DIAGRAM_DIAGRAM_H
#define RUNTIME_DIAGRAM_DIAGRAM_H

struct run;

/* Draws run r from its recorder (r->rec; the connections still in its fd
 * table) and writes the file at path, replacing it. Returns 0, or -1 with
 * errno set if the file could not be written (what was written is left for
 * the caller to remove). */
int diagram_write(const struct run *r, const char *path) __attribute__((warn_unused_result));

#endif
