// SPDX-License-Identifier: GPL-2.0
/*
 * access_batch.c - machine_access_batch(): the replay's accesses, a batch
 * at a time, on a lean path.
 *
 * Most accesses of a replay are plain: one 4 KiB page already present and
 * not armed, its leaf found by a look-up made before the batch, no
 * observer.  For those this file does what access_page() does, with the
 * machine's invariants in locals (the stores an access makes could alias
 * them as far as the compiler knows, so through the machine it reloads
 * them after every store) and the counters kept in registers.  Anything
 * else (a first touch, a trap, a 2 MiB mapping, an access crossing pages,
 * a bad CPU) goes through access_page() itself; afterwards the locals are
 * loaded again, since a fault or a trap handler may have changed
 * anything.  Results are those of one machine_access() per request, in
 * order.
 */
#include "sim/machine_int.h"

/* Requests looked up in one pass; a batch is cut into chunks of these. */
#define BATCH_CHUNK 256
/* An access prefetches the page entry of the one this far ahead. */
#define BATCH_AHEAD 16

/*
 * The leaf of the previous look-up: runs of requests in one 2 MiB block
 * skip the look-up.  Only found leaves are kept, so a leaf made by a
 * fault later is found then.  A chunk's lean path serves the address
 * space of its first request: others get no leaf, so the general path
 * takes them.
 */
struct batch_walk {
	struct mach_as *as;
	uint64_t lidx;
	struct pt_leaf *leaf;
};

static inline __attribute__((always_inline)) struct pt_leaf *
batch_find_leaf(struct batch_walk *w, const struct mach_req *r)
{
	uint64_t lidx = r->vaddr >> MACH_HUGE_SHIFT;
	struct pt_leaf *leaf;

	if (mach_unlikely(r->as != w->as))
		return NULL;
	if (mach_likely(w->leaf && w->lidx == lidx))
		return w->leaf;
	if (r->vaddr >= MACH_VA_LIMIT)
		return NULL;
	leaf = pt_lookup_leaf(&w->as->pt, lidx);
	if (leaf) {
		w->lidx = lidx;
		w->leaf = leaf;
	}
	return leaf;
}

/* What a plain access reads of the machine; see the top of the file. */
struct batch_state {
	struct mach_cpu *cpus;
	uint64_t asid_key; /* tlb_key(asid, false, 0) */
	uint64_t gt_next;  /* UINT64_MAX while the ground truth is off */
	uint32_t epoch, first;
	unsigned int nr_cpus;
	bool gt_paddr;
};

static void batch_state_load(struct batch_state *s, const struct machine *m,
			     const struct mach_as *as)
{
	s->cpus = m->cpus;
	s->asid_key = tlb_key(as->asid, false, 0);
	s->gt_next = m->gt.active ? m->gt.next : UINT64_MAX;
	s->epoch = m->gt.epoch;
	s->first = m->gt.first;
	s->nr_cpus = m->cfg.nr_cpus;
	s->gt_paddr = m->cfg.gt_paddr;
}

/* Counters of plain accesses; TLB hits are the accesses that did not miss. */
struct batch_count {
	uint64_t accesses, writes, tlb_misses, dirty_assists;
};

static void batch_count_flush(struct machine *m, struct batch_count *c)
{
	m->ctr.accesses += c->accesses;
	m->ctr.writes += c->writes;
	m->ctr.tlb_hits += c->accesses - c->tlb_misses;
	m->ctr.tlb_misses += c->tlb_misses;
	m->ctr.dirty_assists += c->dirty_assists;
	*c = (struct batch_count){ 0 };
}

/*
 * One request on the lean path; a non-NULL @leaf means the request is in
 * the chunk's address space.  Return: false, having changed nothing, if
 * it is not a plain access.
 */
static inline __attribute__((always_inline)) bool
batch_plain(struct machine *m, struct batch_state *s, struct batch_count *c,
	    const struct mach_req *r, struct pt_leaf *leaf, unsigned int words)
{
	uint64_t vaddr = r->vaddr, vpn = vaddr >> MACH_PAGE_SHIFT;
	unsigned int idx = vpn & (PT_LEAF_ENTRIES - 1);
	struct pt_entry *e;
	uint32_t last;

	if (mach_unlikely(!leaf || r->cpu >= s->nr_cpus ||
			  (vaddr & (MACH_PAGE_SIZE - 1)) + r->size >
				  MACH_PAGE_SIZE))
		return false;
	e = &leaf->e[idx];
	if (mach_unlikely((e->flags & (PTE_PRESENT | PTE_ARMED | PTE_HUGE)) !=
			  PTE_PRESENT))
		return false;
	if (mach_unlikely(r->now >= s->gt_next)) {
		mach_gt_advance(m, r->now);
		s->gt_next = m->gt.next;
		s->epoch = m->gt.epoch;
	}
	c->accesses++;
	c->writes += r->write;
	last = e->gt_last;
	if (s->gt_next != UINT64_MAX && last != s->epoch)
		mach_gt_count(m, leaf, idx, last, s->epoch, s->first,
			      s->gt_paddr);
	switch (mach_tlb_access(&s->cpus[r->cpu].tlb, s->asid_key | vpn, e,
				r->write, words)) {
	case MACH_TLB_MISS:
		c->tlb_misses++;
		break;
	case MACH_TLB_HIT_DIRTIED:
		c->dirty_assists++;
		break;
	case MACH_TLB_HIT:
		break;
	}
	return true;
}

/* Look the leaves of requests [from, n) up. */
static void batch_find_leaves(struct batch_walk *w, const struct mach_req *reqs,
			      size_t from, size_t n, struct pt_leaf **leaves)
{
	size_t i;

	for (i = from; i < n; i++)
		leaves[i] = batch_find_leaf(w, &reqs[i]);
}

/*
 * What request @i will read: its entry, its leaf's stamp (read on a first
 * access of a cell) and its TLB set, whose two cache lines hold the
 * fingerprints, recency order and keys.  Past the chunk's end the leaf is
 * NULL: nothing to do.  A request on the page of the previous one
 * (*@last_vpn) finds all that in the cache already.
 */
static inline __attribute__((always_inline)) void
batch_prefetch(const struct batch_state *s, const struct mach_req *reqs,
	       size_t i, struct pt_leaf *leaf, uint64_t *last_vpn)
{
	const struct mach_req *r;
	uint64_t vpn, *set;

	if (!leaf)
		return;
	r = &reqs[i];
	vpn = r->vaddr >> MACH_PAGE_SHIFT;
	if (vpn == *last_vpn)
		return;
	*last_vpn = vpn;
	__builtin_prefetch(&leaf->e[vpn & (PT_LEAF_ENTRIES - 1)], 1);
	__builtin_prefetch(&leaf->gt_last, 1);
	if (mach_likely(r->cpu < s->nr_cpus)) {
		set = tlb_set(&s->cpus[r->cpu].tlb, s->asid_key | vpn);
		__builtin_prefetch(set, 1);
		__builtin_prefetch(set + 8, 1);
	}
}

/*
 * A chunk of at most BATCH_CHUNK requests on a machine whose TLBs have
 * @words fingerprint words per set (a constant: the set loops unroll).
 * Sets *@rest to the index where the general path must take over (an
 * observer appeared), else to @n.
 */
static inline __attribute__((always_inline)) int
batch_chunk(struct machine *m, const struct mach_req *reqs, size_t n,
	    unsigned int words, size_t *rest)
{
	/* Padded with NULLs, so prefetching needs no bounds check. */
	struct pt_leaf *leaves[BATCH_CHUNK + BATCH_AHEAD];
	struct mach_as *as = reqs[0].as;
	struct batch_walk walk = { as, 0, NULL };
	struct batch_count c = { 0 };
	uint64_t gen = m->leaf_gen, last_now = m->gt.last_now;
	uint64_t pf_vpn = UINT64_MAX; /* page last prefetched for */
	const struct mach_req *r;
	struct batch_state s;
	struct pt_leaf *leaf;
	int ret, err = 0;
	size_t i;

	batch_find_leaves(&walk, reqs, 0, n, leaves);
	for (i = n; i < n + BATCH_AHEAD; i++)
		leaves[i] = NULL;
	batch_state_load(&s, m, as);
	for (i = 0; i < n && i < BATCH_AHEAD; i++)
		batch_prefetch(&s, reqs, i, leaves[i], &pf_vpn);
	for (i = 0; i < n; i++) {
		batch_prefetch(&s, reqs, i + BATCH_AHEAD,
			       leaves[i + BATCH_AHEAD], &pf_vpn);
		r = &reqs[i];
		leaf = leaves[i];
		if (mach_unlikely(!leaf) && r->as == as)
			leaf = batch_find_leaf(&walk, r); /* made by a fault */
		if (mach_likely(batch_plain(m, &s, &c, r, leaf, words))) {
			last_now = r->now;
			continue;
		}
		batch_count_flush(m, &c);
		if (s.gt_next != UINT64_MAX)
			m->gt.last_now = last_now;
		ret = mach_access_req(m, r, leaf);
		if (ret && !err)
			err = ret;
		last_now = m->gt.last_now;
		batch_state_load(&s, m, as);
		if (mach_unlikely(m->leaf_gen != gen)) {
			/* Leaves were freed: look the rest up again. */
			gen = m->leaf_gen;
			walk = (struct batch_walk){ as, 0, NULL };
			batch_find_leaves(&walk, reqs, i + 1, n, leaves);
		}
		if (mach_unlikely(m->nr_observers)) {
			*rest = i + 1;
			goto out;
		}
	}
	*rest = n;
out:
	if (s.gt_next != UINT64_MAX)
		m->gt.last_now = last_now;
	m->cur_tid = reqs[*rest - 1].tid;
	batch_count_flush(m, &c);
	return err;
}

static int batch_chunk_1(struct machine *m, const struct mach_req *reqs,
			 size_t n, size_t *rest)
{
	return batch_chunk(m, reqs, n, 1, rest);
}

static int batch_chunk_2(struct machine *m, const struct mach_req *reqs,
			 size_t n, size_t *rest)
{
	return batch_chunk(m, reqs, n, 2, rest);
}

int machine_access_batch(struct machine *m, const struct mach_req *reqs,
			 size_t nr)
{
	int (*chunk)(struct machine *m, const struct mach_req *reqs, size_t n,
		     size_t *rest);
	size_t done = 0, n, rest;
	int ret, err = 0;

	/* Up to 16 ways (x86 second-level TLBs): one or two words per set. */
	if (!m->cfg.tlb_enabled || m->nr_observers || m->cpus[0].tlb.words > 2)
		return mach_access_batch_general(m, reqs, nr);
	chunk = m->cpus[0].tlb.words == 2 ? batch_chunk_2 : batch_chunk_1;
	while (done < nr) {
		n = nr - done < BATCH_CHUNK ? nr - done : BATCH_CHUNK;
		ret = chunk(m, reqs + done, n, &rest);
		if (ret && !err)
			err = ret;
		done += rest;
		if (rest < n) {
			/* An observer appeared: everything takes the general path. */
			ret = mach_access_batch_general(m, reqs + done,
							nr - done);
			return err ? err : ret;
		}
	}
	return err;
}
