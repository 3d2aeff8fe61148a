// SPDX-License-Identifier: GPL-2.0
/*
 * frames.c - deterministic first-touch frame allocator with rmap
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/frames.h"

#define FRAMES_PER_HUGE 512u

int frames_init(struct frame_pool *fp, unsigned int nr_nodes,
		const uint64_t *capacity, uint64_t base_pfn,
		uint64_t *meta_bytes)
{
	unsigned int i;

	fp->nodes = calloc(nr_nodes, sizeof(*fp->nodes));
	if (!fp->nodes)
		return -ENOMEM;
	fp->nr_nodes = nr_nodes;
	fp->meta_bytes = meta_bytes;
	for (i = 0; i < nr_nodes; i++) {
		fp->nodes[i].base_pfn = base_pfn;
		fp->nodes[i].nr_frames = capacity[i];
		base_pfn += capacity[i];
	}
	return 0;
}

void frames_destroy(struct frame_pool *fp)
{
	unsigned int i;

	for (i = 0; i < fp->nr_nodes; i++) {
		free(fp->nodes[i].tab);
		free(fp->nodes[i].free4k.v);
		free(fp->nodes[i].free2m.v);
	}
	free(fp->nodes);
	fp->nodes = NULL;
	fp->nr_nodes = 0;
}

static int frames_push(struct frame_stack *s, uint64_t v)
{
	uint64_t *nv;
	size_t ncap;

	if (s->n == s->cap) {
		ncap = s->cap ? s->cap * 2 : 64;
		nv = realloc(s->v, ncap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n++] = v;
	return 0;
}

/* Make sure metadata covers node-relative frames [0, upto). */
static int frames_grow(struct frame_pool *fp, struct frame_node *n,
		       uint64_t upto)
{
	uint64_t ncap = n->tab_cap ? n->tab_cap : 1024;
	struct frame *nt;

	if (upto <= n->tab_cap)
		return 0;
	while (ncap < upto)
		ncap *= 2;
	if (ncap > n->nr_frames)
		ncap = n->nr_frames;
	nt = realloc(n->tab, ncap * sizeof(*nt));
	if (!nt)
		return -ENOMEM;
	memset(nt + n->tab_cap, 0, (ncap - n->tab_cap) * sizeof(*nt));
	*fp->meta_bytes += (ncap - n->tab_cap) * sizeof(*nt);
	n->tab = nt;
	n->tab_cap = ncap;
	return 0;
}

static uint64_t frames_alloc_4k(struct frame_pool *fp, struct frame_node *n)
{
	uint64_t idx, blk;
	unsigned int i;

	if (n->free4k.n)
		return n->free4k.v[--n->free4k.n];
	if (n->bump < n->nr_frames) {
		if (frames_grow(fp, n, n->bump + 1))
			return UINT64_MAX;
		return n->bump++;
	}
	if (!n->free2m.n)
		return UINT64_MAX;
	/* Break a free 2 MiB block; keep the rest as single frames. */
	blk = n->free2m.v[n->free2m.n - 1];
	for (i = FRAMES_PER_HUGE - 1; i > 0; i--)
		if (frames_push(&n->free4k, blk + i))
			return UINT64_MAX;
	n->free2m.n--;
	idx = blk;
	return idx;
}

static uint64_t frames_alloc_2m(struct frame_pool *fp, struct frame_node *n)
{
	uint64_t start, aligned;

	if (n->free2m.n)
		return n->free2m.v[--n->free2m.n];
	/* Blocks are aligned in physical address, not node-relative. */
	start = n->base_pfn + n->bump;
	aligned = (start + FRAMES_PER_HUGE - 1) &
		  ~(uint64_t)(FRAMES_PER_HUGE - 1);
	aligned -= n->base_pfn;
	if (aligned + FRAMES_PER_HUGE > n->nr_frames)
		return UINT64_MAX; /* no compaction: caller falls back */
	if (frames_grow(fp, n, aligned + FRAMES_PER_HUGE))
		return UINT64_MAX;
	/* Frames skipped for alignment stay usable as single frames. */
	for (; n->bump < aligned; n->bump++)
		if (frames_push(&n->free4k, n->bump))
			return UINT64_MAX;
	n->bump = aligned + FRAMES_PER_HUGE;
	return aligned;
}

uint64_t frames_alloc(struct frame_pool *fp, unsigned int node, bool huge)
{
	struct frame_node *n;
	uint64_t idx, cnt = huge ? FRAMES_PER_HUGE : 1, i;

	if (node >= fp->nr_nodes)
		return UINT64_MAX;
	n = &fp->nodes[node];
	if (n->nr_frames - n->used < cnt)
		return UINT64_MAX;
	idx = huge ? frames_alloc_2m(fp, n) : frames_alloc_4k(fp, n);
	if (idx == UINT64_MAX)
		return idx;
	for (i = 0; i < cnt; i++)
		n->tab[idx + i].flags |= FRAME_USED;
	n->used += cnt;
	return n->base_pfn + idx;
}

int frames_node_of(const struct frame_pool *fp, uint64_t pfn)
{
	unsigned int i;

	for (i = 0; i < fp->nr_nodes; i++)
		if (pfn >= fp->nodes[i].base_pfn &&
		    pfn - fp->nodes[i].base_pfn < fp->nodes[i].nr_frames)
			return i;
	return -1;
}

void frames_free(struct frame_pool *fp, uint64_t pfn, bool huge)
{
	int node = frames_node_of(fp, pfn);
	struct frame_node *n;
	uint64_t idx, cnt = huge ? FRAMES_PER_HUGE : 1, i;

	if (node < 0)
		return;
	n = &fp->nodes[node];
	idx = pfn - n->base_pfn;
	if (idx + cnt > n->tab_cap)
		return;
	for (i = 0; i < cnt; i++) {
		n->tab[idx + i].flags &= ~(FRAME_USED | FRAME_IDLE);
		n->tab[idx + i].as = NULL;
		n->tab[idx + i].vpn = 0;
	}
	n->used -= cnt;
	/*
	 * If the stack cannot grow the frame is leaked from the allocator's
	 * view but stays consistent; running out of host memory here is not
	 * worth failing an unmap for.
	 */
	if (huge)
		frames_push(&n->free2m, idx);
	else
		frames_push(&n->free4k, idx);
}

struct frame *frames_get(const struct frame_pool *fp, uint64_t pfn)
{
	int node = frames_node_of(fp, pfn);
	const struct frame_node *n;

	if (node < 0)
		return NULL;
	n = &fp->nodes[node];
	if (pfn - n->base_pfn >= n->tab_cap)
		return NULL;
	return &n->tab[pfn - n->base_pfn];
}
