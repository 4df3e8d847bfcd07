/* sockets: the script's file descriptors and the sockets the script talks to. */
#include "runtime/context/sockets.h"

#include <stdlib.h>

#include "parser/util/xalloc.h"

struct sock *socks_add(struct socks *t, enum fd_kind kind, int script_fd, int live_fd)
{
	struct sock *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->script_fd = script_fd;
	s->live_fd = live_fd;
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n++] = s;
	return s;
}

struct sock *socks_by_script_fd(const struct socks *t, int script_fd)
{
	/* Newest first: accept() may reuse a script fd that was never closed,
	 * and later lines mean the new one (as upstream resolves it). */
	for (size_t i = t->n; i-- > 0;)
		if (!t->v[i]->closed && t->v[i]->script_fd == script_fd && script_fd >= 0)
			return t->v[i];
	return NULL;
}

bool socks_live_fd_used(const struct socks *t, int live_fd)
{
	for (size_t i = 0; i < t->n; i++)
		if (!t->v[i]->closed && t->v[i]->live_fd == live_fd)
			return true;
	return false;
}

void socks_free(struct socks *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i]->ts_map);
		free(t->v[i]);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
	t->sut = NULL;
}

void sock_ts_remember(struct sock *s, uint32_t script_val, uint32_t live_val)
{
	for (size_t i = 0; i < s->n_ts_map; i++) {
		if (s->ts_map[i].script == script_val) {
			s->ts_map[i].live = live_val;
			return;
		}
	}
	s->ts_map = xrealloc(s->ts_map, (s->n_ts_map + 1) * sizeof(*s->ts_map));
	s->ts_map[s->n_ts_map++] = (struct ts_pair){script_val, live_val};
}

bool sock_ts_lookup(const struct sock *s, uint32_t script_val, uint32_t *live_val)
{
	for (size_t i = s->n_ts_map; i-- > 0;) {
		if (s->ts_map[i].script == script_val) {
			*live_val = s->ts_map[i].live;
			return true;
		}
	}
	return false;
}
