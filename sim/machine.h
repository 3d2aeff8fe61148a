/* SPDX-License-Identifier: GPL-2.0 */
/*
 * machine.h - the simulated machine every access goes through
 *
 * CPUs with per-CPU TLBs, NUMA nodes with capacities, address spaces made
 * of VMAs, sparse page tables with accessed/dirty bits, a first-touch frame
 * allocator with an rmap, exact ground truth per page, and the hooks that
 * access-check primitives use.  This header is included by kernel-style
 * primitive code: it uses only <stdint.h>, <stdbool.h> and <stddef.h>.
 *
 * Addresses are bytes; pages are 4 KiB (MACH_PAGE_SIZE); a huge mapping is
 * 2 MiB (MACH_HUGE_SIZE) with one accessed/dirty bit.  Times are virtual
 * nanoseconds.  Functions returning int return 0 or a negative errno.
 */
#ifndef DAMONSIM_SIM_MACHINE_H
#define DAMONSIM_SIM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MACH_PAGE_SHIFT 12
#define MACH_PAGE_SIZE (1ULL << MACH_PAGE_SHIFT)
#define MACH_HUGE_SHIFT 21
#define MACH_HUGE_SIZE (1ULL << MACH_HUGE_SHIFT)
/* Virtual addresses are 48 bits, as with 4-level x86-64 paging. */
#define MACH_VA_BITS 48
#define MACH_VA_LIMIT (1ULL << MACH_VA_BITS)
#define MACH_MAX_NODES 64
#define MACH_MAX_CPUS 4096
#define MACH_PFN_NONE UINT64_MAX

struct machine;
struct mach_as;

/* Which node a first touch takes its frame from. */
enum mach_node_policy {
	/* The touching CPU's node, then the next ones (wrapping around). */
	MACH_POLICY_LOCAL = 0,
	/* Node 0 until full, then node 1, ... */
	MACH_POLICY_FIRST_FIT = 1,
};

/* What an access outside every VMA does (it is always counted). */
enum mach_unmapped_policy {
	MACH_UNMAPPED_IGNORE = 0,  /* drop the access */
	MACH_UNMAPPED_AUTOMAP = 1, /* map the page (anon) and go on */
};

/**
 * struct mach_config - machine parameters
 * @nr_cpus: number of CPUs (1..MACH_MAX_CPUS)
 * @nr_nodes: number of NUMA nodes (1..MACH_MAX_NODES)
 * @node_capacity: bytes of memory of each node (multiple of 4 KiB)
 * @phys_base: physical address where node 0 starts (4 KiB aligned); node
 *	n+1 starts where node n ends
 * @policy: node choice at first touch
 * @unmapped: behaviour of accesses outside every VMA
 * @tlb_enabled: false models a machine that walks the page table on every
 *	access (every access sets the accessed bit)
 * @tlb_entries: entries per CPU TLB; entries / ways must be a power of two
 * @tlb_ways: associativity (1..64)
 * @gt_paddr: also keep ground truth per physical frame (costs one more
 *	memory touch per access; needed for paddr accuracy)
 *
 * CPUs are spread over nodes in blocks: cpu c is on node
 * c * nr_nodes / nr_cpus.
 */
struct mach_config {
	unsigned int nr_cpus;
	unsigned int nr_nodes;
	uint64_t node_capacity[MACH_MAX_NODES];
	uint64_t phys_base;
	enum mach_node_policy policy;
	enum mach_unmapped_policy unmapped;
	bool tlb_enabled;
	unsigned int tlb_entries;
	unsigned int tlb_ways;
	bool gt_paddr;
};

/* Map flags */
#define MACH_MAP_FILE 0x1u /* file-backed (otherwise anonymous) */
#define MACH_MAP_HUGE 0x2u /* 2 MiB aligned parts use huge mappings */

/**
 * struct mach_vma - one mapping of an address space, [start, end)
 */
struct mach_vma {
	uint64_t start;
	uint64_t end;
	unsigned int flags;
	uint32_t memcg;
};

/**
 * struct mach_pte_info - snapshot of one page table entry
 * @present: the page has been touched and has a frame (or had no frame
 *	left: then @pfn is MACH_PFN_NONE)
 * @young: accessed bit (of the 2 MiB entry for a huge mapping)
 * @dirty: dirty bit (likewise)
 * @huge: mapped by a 2 MiB entry
 * @armed: the next access traps into the registered trap handler
 * @pfn: frame number of this 4 KiB page
 */
struct mach_pte_info {
	bool present;
	bool young;
	bool dirty;
	bool huge;
	bool armed;
	uint64_t pfn;
};

/**
 * struct mach_counters - every event a cost model may charge
 *
 * All counts since machine_create() (or machine_counters_reset()).
 */
struct mach_counters {
	uint64_t accesses; /* page accesses (split at page edges) */
	uint64_t writes;   /* of which writes */
	uint64_t tlb_hits;
	uint64_t tlb_misses;	     /* = hardware page walks */
	uint64_t dirty_assists;	     /* walks to set D on a TLB hit */
	uint64_t first_touches;	     /* page-fault-like: page got a frame */
	uint64_t huge_first_touches; /* of which mapped a 2 MiB page */
	uint64_t oom;		     /* first touches with no frame left */
	uint64_t segv;		     /* accesses outside every VMA */
	uint64_t automaps;	     /* of which were auto-mapped */
	uint64_t bad_accesses;	     /* bad cpu or address beyond VA limit */
	uint64_t pte_checks;	     /* young tests by primitives */
	uint64_t pte_clears;	     /* A bits cleared by primitives */
	uint64_t rmap_walks;	     /* frame -> PTE lookups */
	uint64_t tlb_flush_pages;    /* single-page shootdowns */
	uint64_t tlb_flush_cpus;     /* CPUs reached by shootdowns */
	uint64_t tlb_flush_alls;     /* full flushes */
	uint64_t traps;		     /* armed-page traps delivered */
	uint64_t observer_calls;     /* observer callbacks made */
	uint64_t maps;
	uint64_t unmaps;
	uint64_t pages_unmapped; /* present pages dropped by unmap */
	uint64_t huge_splits;	 /* 2 MiB entries split by unmap */
};

/**
 * struct mach_mem_stats - host memory used by the model (own counters)
 */
struct mach_mem_stats {
	uint64_t leaf_tables;		    /* 512-entry leaf tables live */
	uint64_t dir_nodes;		    /* radix directory nodes live */
	uint64_t frames_allocated;	    /* frames in use */
	uint64_t frame_table_bytes;	    /* bytes of per-frame metadata */
	uint64_t page_table_bytes;	    /* leaf tables + directory nodes */
	uint64_t page_table_reserved_bytes; /* 2 MiB chunks they live in */
};

/**
 * struct mach_access - one access as seen by an observer
 */
struct mach_access {
	struct mach_as *as;
	unsigned int cpu;
	uint32_t tid; /* thread id from mach_req; 0 from machine_access() */
	bool write;
	bool tlb_hit;
	uint64_t vaddr;
	uint64_t paddr; /* MACH_PFN_NONE when the page has no frame */
	uint64_t now;
};

/* Called for an access to an armed page; the page is disarmed first. */
typedef void (*mach_trap_fn)(void *ctx, const struct mach_access *acc);
/* Called for every access while registered. */
typedef void (*mach_observer_fn)(void *ctx, const struct mach_access *acc);

/* ---- machine ---------------------------------------------------------- */

/**
 * machine_config_default() - fill a config with defaults
 * @cfg: config to fill
 *
 * 1 CPU, 1 node of 16 GiB at physical address 0, local policy, unmapped
 * accesses ignored, TLB on with 1536 entries 12-way (a Skylake-like second
 * level TLB), no per-frame ground truth.
 */
void machine_config_default(struct mach_config *cfg);

/**
 * machine_create() - build a machine
 * @cfg: parameters (copied)
 * @out: the machine on success
 *
 * Return: 0, -EINVAL for a bad parameter, -ENOMEM.
 */
int machine_create(const struct mach_config *cfg, struct machine **out);

/**
 * machine_destroy() - free a machine and all its address spaces
 * @m: machine or NULL
 */
void machine_destroy(struct machine *m);

/**
 * machine_counters() - event counters
 * @m: machine
 *
 * Return: a pointer valid until machine_destroy().
 */
const struct mach_counters *machine_counters(const struct machine *m);

/**
 * machine_counters_reset() - zero the event counters
 * @m: machine
 */
void machine_counters_reset(struct machine *m);

/**
 * machine_mem_stats() - host memory the model uses, from its own counters
 * @m: machine
 * @out: filled
 */
void machine_mem_stats(const struct machine *m, struct mach_mem_stats *out);

/**
 * machine_nr_cpus() - number of CPUs
 * @m: machine
 *
 * Return: nr_cpus of the config.
 */
unsigned int machine_nr_cpus(const struct machine *m);

/**
 * machine_cpu_node() - node a CPU belongs to
 * @m: machine
 * @cpu: CPU index
 *
 * Return: the node index, or -EINVAL for a bad CPU.
 */
int machine_cpu_node(const struct machine *m, unsigned int cpu);

/**
 * machine_nr_nodes() - number of NUMA nodes
 * @m: machine
 *
 * Return: nr_nodes of the config.
 */
unsigned int machine_nr_nodes(const struct machine *m);

/**
 * machine_node_range() - physical address range of a node
 * @m: machine
 * @node: node index
 * @start: first byte of the node
 * @end: one past its last byte
 *
 * Return: 0 or -EINVAL for a bad node.
 */
int machine_node_range(const struct machine *m, unsigned int node,
		       uint64_t *start, uint64_t *end);

/**
 * machine_node_used() - bytes of a node that hold frames in use
 * @m: machine
 * @node: node index
 *
 * Return: bytes in use, 0 for a bad node.
 */
uint64_t machine_node_used(const struct machine *m, unsigned int node);

/* ---- address spaces --------------------------------------------------- */

/**
 * machine_as_create() - new empty address space (one simulated process)
 * @m: machine
 * @id: caller's identifier (e.g. the pid); need not be unique
 *
 * Return: the address space, or NULL when out of memory.
 */
struct mach_as *machine_as_create(struct machine *m, uint32_t id);

/**
 * machine_as_destroy() - unmap everything and free an address space
 * @as: address space or NULL
 */
void machine_as_destroy(struct mach_as *as);

/**
 * machine_as_id() - identifier given at creation
 * @as: address space
 *
 * Return: the id.
 */
uint32_t machine_as_id(const struct mach_as *as);

/**
 * machine_as_find() - first address space created with an id
 * @m: machine
 * @id: identifier
 *
 * Return: the address space or NULL.
 */
struct mach_as *machine_as_find(struct machine *m, uint32_t id);

/**
 * machine_map() - add a mapping, replacing whatever overlapped it
 * @as: address space
 * @start: first byte (rounded down to a page)
 * @len: bytes (the end is rounded up to a page)
 * @flags: MACH_MAP_*
 * @memcg: memory cgroup id
 *
 * Like mmap(MAP_FIXED): overlapped mappings are unmapped first (their
 * pages dropped); an adjacent mapping with the same flags and memcg is
 * merged with the new one.
 *
 * Return: 0, -EINVAL (empty or beyond MACH_VA_LIMIT), -ENOMEM.
 */
int machine_map(struct mach_as *as, uint64_t start, uint64_t len,
		unsigned int flags, uint32_t memcg);

/**
 * machine_unmap() - remove mappings in a range
 * @as: address space
 * @start: first byte (rounded down to a page)
 * @len: bytes (the end is rounded up to a page)
 *
 * Splits partly covered VMAs (and 2 MiB entries), frees the frames of the
 * pages in the range and flushes their TLB entries on every CPU: one
 * shootdown per page, or a full flush of the address space above 33 pages
 * as Linux's tlb_single_page_flush_ceiling does.
 *
 * Return: 0, -EINVAL, -ENOMEM (splitting a VMA).
 */
int machine_unmap(struct mach_as *as, uint64_t start, uint64_t len);

/**
 * machine_as_nr_vmas() - number of VMAs
 * @as: address space
 *
 * Return: the count.
 */
size_t machine_as_nr_vmas(const struct mach_as *as);

/**
 * machine_as_vma() - VMA by index, in address order
 * @as: address space
 * @idx: 0..machine_as_nr_vmas()-1
 *
 * Return: the VMA (valid until the next map/unmap), or NULL.
 */
const struct mach_vma *machine_as_vma(const struct mach_as *as, size_t idx);

/**
 * machine_as_find_vma() - VMA containing an address
 * @as: address space
 * @addr: address
 *
 * Return: the VMA (valid until the next map/unmap), or NULL.
 */
const struct mach_vma *machine_as_find_vma(const struct mach_as *as,
					   uint64_t addr);

/**
 * machine_as_mapped_bytes() - total bytes of all VMAs
 * @as: address space
 *
 * Return: bytes mapped.
 */
uint64_t machine_as_mapped_bytes(const struct mach_as *as);

/* ---- accesses --------------------------------------------------------- */

/**
 * machine_access() - one memory access by a CPU
 * @m: machine
 * @cpu: CPU index
 * @as: address space the CPU runs in
 * @vaddr: first byte accessed
 * @size: bytes (0 counts as 1); an access crossing pages touches each
 * @write: store rather than load
 * @now: virtual time of the access (ns), for the ground truth; must not
 *	decrease between calls (an earlier time counts in the current
 *	sampling interval)
 *
 * Updates ground truth, the TLB of @cpu, the accessed/dirty bits (only on
 * a TLB miss, as x86 does), delivers armed-page traps and observers.
 *
 * Return: 0; -EFAULT if a page was outside every VMA and not auto-mapped;
 * -ENOMEM if no frame was left (the access still counts); -EINVAL for a
 * bad CPU or an address beyond MACH_VA_LIMIT.
 */
int machine_access(struct machine *m, unsigned int cpu, struct mach_as *as,
		   uint64_t vaddr, uint32_t size, bool write, uint64_t now);

/**
 * machine_prefetch() - start loading the page entry of a future access
 * @m: machine
 * @as: address space of the future access
 * @vaddr: its address
 *
 * Optional and without effect on results.  With large footprints an
 * access is bound by the host's memory latency; an event loop that reads
 * accesses in batches can call this for access i + 16 while simulating
 * access i, so the host overlaps the cache misses.
 */
void machine_prefetch(const struct machine *m, const struct mach_as *as,
		      uint64_t vaddr);

/**
 * struct mach_req - one access for machine_access_batch()
 */
struct mach_req {
	struct mach_as *as;
	uint64_t vaddr;
	uint64_t now;
	uint32_t size;
	uint32_t tid; /* thread id, passed to traps and observers */
	uint16_t cpu;
	bool write;
};

/**
 * machine_access_batch() - simulate accesses in order, overlapping misses
 * @m: machine
 * @reqs: accesses, in time order
 * @nr: number of accesses
 *
 * Same effect as calling machine_access() for each request in order
 * (traps and observers included; they also see the request's tid), but prefetches the page entries of
 * requests a few places ahead, which is much faster for large
 * footprints without locality.  The requests must not unmap memory that
 * a later request of the batch relies on: map/unmap events end a batch.
 *
 * Return: 0, or the first error machine_access() returned; every
 * request is simulated either way.
 */
int machine_access_batch(struct machine *m, const struct mach_req *reqs,
			 size_t nr);

/* ---- primitive-facing page table operations --------------------------- */

/**
 * machine_pte_get() - read one page table entry
 * @as: address space
 * @vaddr: address in the page
 * @out: filled (present=false when there is no entry)
 *
 * Does not count as a PTE check.
 *
 * Return: 0 if present, -ENOENT otherwise.
 */
int machine_pte_get(const struct mach_as *as, uint64_t vaddr,
		    struct mach_pte_info *out);

/**
 * machine_pte_young() - test the accessed bit (counted as a PTE check)
 * @m: machine
 * @as: address space
 * @vaddr: address in the page (a huge mapping tests its 2 MiB entry)
 *
 * Return: true if present and young.
 */
bool machine_pte_young(struct machine *m, struct mach_as *as, uint64_t vaddr);

/**
 * machine_pte_test_and_clear_young() - test and clear the accessed bit
 * @m: machine
 * @as: address space
 * @vaddr: address in the page (a huge mapping clears its 2 MiB entry)
 * @flush: also shoot the page down from every CPU's TLB; without it,
 *	CPUs that still cache the translation will not set A again
 *	(x86's ptep_clear_flush_young() does not flush either)
 *
 * Return: the accessed bit before clearing (false if not present).
 */
bool machine_pte_test_and_clear_young(struct machine *m, struct mach_as *as,
				      uint64_t vaddr, bool flush);

/**
 * machine_pte_mkold() - clear the accessed bit
 * @m: machine
 * @as: address space
 * @vaddr: address in the page
 * @flush: also shoot the page down from every CPU's TLB
 *
 * Return: 0 or -ENOENT if not present.
 */
int machine_pte_mkold(struct machine *m, struct mach_as *as, uint64_t vaddr,
		      bool flush);

/**
 * machine_frame_rmap() - the page mapping a frame (counted as rmap walk)
 * @m: machine
 * @pfn: frame number (physical address >> 12)
 * @as: the address space mapping it
 * @vaddr: the page's virtual address
 *
 * Frames are never shared, so there is at most one mapping.
 *
 * Return: 0, or -ENOENT if the frame is free or outside every node.
 */
int machine_frame_rmap(struct machine *m, uint64_t pfn, struct mach_as **as,
		       uint64_t *vaddr);

/**
 * machine_frame_young() - accessed bit of the PTE mapping a frame
 * @m: machine
 * @pfn: frame number
 *
 * One rmap walk plus one PTE check.
 *
 * Return: true if mapped and young.
 */
bool machine_frame_young(struct machine *m, uint64_t pfn);

/**
 * machine_frame_test_and_clear_young() - same as the vaddr variant by frame
 * @m: machine
 * @pfn: frame number
 * @flush: shoot the page down from every CPU's TLB
 *
 * Return: the accessed bit before clearing (false if not mapped).
 */
bool machine_frame_test_and_clear_young(struct machine *m, uint64_t pfn,
					bool flush);

/**
 * machine_frame_mkold() - clear the accessed bit of a frame's PTE
 * @m: machine
 * @pfn: frame number
 * @flush: shoot the page down from every CPU's TLB
 *
 * Return: 0 or -ENOENT if the frame is not mapped.
 */
int machine_frame_mkold(struct machine *m, uint64_t pfn, bool flush);

/**
 * machine_frame_set_idle() - set or clear a frame's page-idle flag
 * @m: machine
 * @pfn: frame number (for a folio: its first frame)
 * @idle: new value
 *
 * The flag is plain storage for primitives that model the kernel's
 * folio idle bit (damon_pa_mkold() sets it, damon_pa_young() tests it);
 * accesses do not clear it, as hardware does not either.  Freeing the
 * frame clears it.
 *
 * Return: 0 or -ENOENT if the frame is not in use.
 */
int machine_frame_set_idle(struct machine *m, uint64_t pfn, bool idle);

/**
 * machine_frame_test_idle() - a frame's page-idle flag
 * @m: machine
 * @pfn: frame number
 *
 * Return: the flag (false for a frame not in use).
 */
bool machine_frame_test_idle(const struct machine *m, uint64_t pfn);

/**
 * machine_tlb_flush_page() - shoot one page down on all CPUs
 * @m: machine
 * @as: address space
 * @vaddr: address in the page (a huge mapping flushes its 2 MiB entry)
 *
 * Counted in tlb_flush_pages and tlb_flush_cpus.
 */
void machine_tlb_flush_page(struct machine *m, struct mach_as *as,
			    uint64_t vaddr);

/**
 * machine_tlb_flush_all() - flush every CPU's TLB
 * @m: machine
 * @as: only this address space's entries, or NULL for all
 */
void machine_tlb_flush_all(struct machine *m, struct mach_as *as);

/* ---- push-style hooks ------------------------------------------------- */

/**
 * machine_set_trap_handler() - handler for accesses to armed pages
 * @m: machine
 * @fn: handler or NULL (armed pages then just disarm on access)
 * @ctx: passed to @fn
 */
void machine_set_trap_handler(struct machine *m, mach_trap_fn fn, void *ctx);

/**
 * machine_arm_page() - make the next access to a page trap
 * @m: machine
 * @as: address space
 * @vaddr: address in the page (for a huge mapping: the whole 2 MiB)
 * @flush: also shoot the page down (counted), as the protection change
 *	a real fault-based primitive makes must; the trap itself fires
 *	either way
 *
 * The trap fires on the next access from any CPU, TLB hit or not; the
 * page is disarmed just before the handler runs.  Handlers and observers
 * may test/clear A bits and arm pages but must not map or unmap.
 *
 * Return: 0 or -ENOENT if the page is not present.
 */
int machine_arm_page(struct machine *m, struct mach_as *as, uint64_t vaddr,
		     bool flush);

/**
 * machine_disarm_page() - cancel machine_arm_page()
 * @as: address space
 * @vaddr: address in the page
 *
 * Return: 0 or -ENOENT if the page is not present.
 */
int machine_disarm_page(struct mach_as *as, uint64_t vaddr);

/**
 * machine_add_observer() - call @fn for every access from now on
 * @m: machine
 * @fn: callback
 * @ctx: passed to @fn
 *
 * Return: 0, -ENOSPC beyond 8 observers.
 */
int machine_add_observer(struct machine *m, mach_observer_fn fn, void *ctx);

/**
 * machine_remove_observer() - undo machine_add_observer()
 * @m: machine
 * @fn: callback
 * @ctx: its context
 *
 * Return: 0 or -ENOENT.
 */
int machine_remove_observer(struct machine *m, mach_observer_fn fn, void *ctx);

/* ---- ground truth ----------------------------------------------------- */

/**
 * machine_gt_set_sample_interval() - length of a sampling interval
 * @m: machine
 * @interval: virtual ns (> 0)
 *
 * Return: 0 or -EINVAL.
 */
int machine_gt_set_sample_interval(struct machine *m, uint64_t interval);

/**
 * machine_gt_aggr_begin() - an aggregation interval starts
 * @m: machine
 * @now: its start time
 *
 * The sampling-interval grid is anchored here: sampling interval i of
 * the aggregation is [now + i*interval, now + (i+1)*interval).  Accesses
 * from now on count towards this aggregation until the next begin.
 *
 * Return: the aggregation index (0 for the first).
 */
uint64_t machine_gt_aggr_begin(struct machine *m, uint64_t now);

/**
 * machine_gt_aggr_end() - the current aggregation interval ends
 * @m: machine
 * @now: its end time
 *
 * Accesses after this and before the next begin are not counted.  The
 * ground truth of the ended aggregation stays readable until the next
 * machine_gt_aggr_begin().
 */
void machine_gt_aggr_end(struct machine *m, uint64_t now);

/**
 * machine_gt_nr_samples() - sampling intervals seen by this aggregation
 * @m: machine
 *
 * Return: intervals from the last begin up to the last access or end.
 */
uint32_t machine_gt_nr_samples(const struct machine *m);

/**
 * machine_gt_page() - g of one virtual page in the current aggregation
 * @as: address space
 * @vaddr: address in the page
 *
 * Return: number of sampling intervals in which the page was accessed.
 */
uint32_t machine_gt_page(const struct mach_as *as, uint64_t vaddr);

/**
 * machine_gt_frame() - g of one frame in the current aggregation
 * @m: machine (needs cfg.gt_paddr)
 * @pfn: frame number
 *
 * Return: number of sampling intervals in which the frame was accessed.
 */
uint32_t machine_gt_frame(const struct machine *m, uint64_t pfn);

/* Called once per page (or frame) with g > 0, in address order. */
typedef void (*mach_gt_fn)(void *ctx, uint64_t addr, uint32_t g);

/**
 * machine_gt_for_each_page() - visit virtual pages with g > 0 in a range
 * @as: address space
 * @start: first byte
 * @end: one past the last byte
 * @fn: called once per page with g > 0, in address order
 * @ctx: passed to @fn
 *
 * Cost is proportional to the touched pages in the range, not its size.
 */
void machine_gt_for_each_page(const struct mach_as *as, uint64_t start,
			      uint64_t end, mach_gt_fn fn, void *ctx);

/**
 * machine_gt_for_each_frame() - visit frames with g > 0 in a phys range
 * @m: machine (needs cfg.gt_paddr)
 * @start: first physical byte
 * @end: one past the last
 * @fn: called with the frame's physical address and g
 * @ctx: passed to @fn
 */
void machine_gt_for_each_frame(const struct machine *m, uint64_t start,
			       uint64_t end, mach_gt_fn fn, void *ctx);

#endif
