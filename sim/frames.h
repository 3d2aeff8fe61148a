/* SPDX-License-Identifier: GPL-2.0 */
/*
 * frames.h - physical frames of the NUMA nodes: first-touch allocator,
 * rmap and per-frame ground truth (internal to sim/)
 *
 * Each node is a contiguous range of frames.  Metadata exists only for
 * frames up to the node's high-water mark, so host memory follows the
 * frames ever used, not the node capacity.  Allocation is deterministic:
 * reuse the most recently freed frame, else take the next never-used one.
 */
#ifndef DAMONSIM_SIM_FRAMES_H
#define DAMONSIM_SIM_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mach_as;

#define FRAME_USED 0x1u
#define FRAME_IDLE 0x2u /* the kernel's page-idle flag, set by primitives */

struct frame {
	struct mach_as *as; /* rmap: the one mapping of this frame */
	uint64_t vpn;
	uint32_t gt_last;
	uint16_t gt_count;
	uint16_t flags;
};

struct frame_stack {
	uint64_t *v;
	size_t n, cap;
};

struct frame_node {
	uint64_t base_pfn;
	uint64_t nr_frames;
	uint64_t bump; /* frames [0, bump) have been handed out once */
	uint64_t used;
	struct frame *tab; /* metadata of frames [0, tab_cap) */
	uint64_t tab_cap;
	struct frame_stack free4k; /* node-relative indices */
	struct frame_stack free2m; /* first index of free 2 MiB blocks */
};

struct frame_pool {
	unsigned int nr_nodes;
	struct frame_node *nodes;
	uint64_t *meta_bytes; /* counter maintained for memory stats */
};

/**
 * frames_init() - nodes laid out contiguously from @base_pfn
 * @fp: pool
 * @nr_nodes: number of nodes
 * @capacity: frames of each node
 * @base_pfn: first frame of node 0
 * @meta_bytes: counter of metadata bytes to maintain (not NULL)
 *
 * Return: 0 or -ENOMEM.
 */
int frames_init(struct frame_pool *fp, unsigned int nr_nodes,
		const uint64_t *capacity, uint64_t base_pfn,
		uint64_t *meta_bytes);

/**
 * frames_destroy() - free the pool's metadata
 * @fp: pool
 */
void frames_destroy(struct frame_pool *fp);

/**
 * frames_alloc() - allocate one frame or a 2 MiB block (512 frames)
 * @fp: pool
 * @node: node to try
 * @huge: a 2 MiB-aligned block of 512 frames
 *
 * Return: the first pfn, or UINT64_MAX if the node has none.
 */
uint64_t frames_alloc(struct frame_pool *fp, unsigned int node, bool huge);

/**
 * frames_free() - give back a frame or a 2 MiB block
 * @fp: pool
 * @pfn: first pfn as returned by frames_alloc()
 * @huge: it was a 2 MiB block
 */
void frames_free(struct frame_pool *fp, uint64_t pfn, bool huge);

/**
 * frames_get() - metadata of a frame that has ever been handed out
 * @fp: pool
 * @pfn: frame number
 *
 * Return: the frame or NULL (outside every node, or never used).
 */
struct frame *frames_get(const struct frame_pool *fp, uint64_t pfn);

/**
 * frames_node_of() - node holding a pfn
 * @fp: pool
 * @pfn: frame number
 *
 * Return: node index or -1.
 */
int frames_node_of(const struct frame_pool *fp, uint64_t pfn);

#endif
