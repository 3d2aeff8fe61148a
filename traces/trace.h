/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace.h - events and header of a damonsim trace (.dst).
 *
 * The byte layout is specified in docs/trace-format.md.  This header only
 * declares the in-memory form that readers yield and writers take.
 */
#ifndef DAMONSIM_TRACES_TRACE_H
#define DAMONSIM_TRACES_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define TRACE_VERSION_MAJOR	2
#define TRACE_VERSION_MINOR	0

/* Limits a reader enforces so absurd files fail cleanly, not by OOM. */
#define TRACE_MAX_CPUS		4096
#define TRACE_MAX_DESC		(64 * 1024)
#define TRACE_MAX_NAME		255
#define TRACE_MAX_FRAME_EVENTS	(1u << 20)
#define TRACE_MAX_FRAME_BYTES	(64u << 20)
#define TRACE_MAX_ACCESS_SIZE	(1u << 30)

/**
 * enum trace_event_type - kinds of events in a trace.
 * @TRACE_EV_ACCESS: a load or store by a thread.
 * @TRACE_EV_MAP: a virtual range becomes mapped.
 * @TRACE_EV_UNMAP: a virtual range is unmapped.
 * @TRACE_EV_THREAD_START: a thread starts running.
 * @TRACE_EV_THREAD_EXIT: a thread exits.
 * @TRACE_EV_PHASE: a named phase of the workload begins.
 * @TRACE_EV_NR: number of event types.
 */
enum trace_event_type {
	TRACE_EV_ACCESS = 0,
	TRACE_EV_MAP,
	TRACE_EV_UNMAP,
	TRACE_EV_THREAD_START,
	TRACE_EV_THREAD_EXIT,
	TRACE_EV_PHASE,
	TRACE_EV_NR,
};

/* Flags of a map event. */
#define TRACE_MAP_FILE		0x1	/* file-backed, or anon */

/**
 * struct trace_event - one event, as yielded by readers and sources.
 * @type: an enum trace_event_type value.
 * @write: for accesses, true for a store.
 * @cpu: CPU the event happened on (< header nr_cpus).
 * @tid: thread id.
 * @time_ns: virtual time in nanoseconds; never decreases along a trace.
 * @addr: access address, or start of the mapped/unmapped range.
 * @size: access size in bytes, or length of the range.
 * @insns: instructions the thread retired since its previous event, 0 if
 *	unknown.
 * @map_flags: TRACE_MAP_* for map events.
 * @memcg: memory cgroup id for map events.
 * @name: phase name for phase events, NUL-terminated; owned by the
 *	producer and valid until the next call that yields an event.
 */
struct trace_event {
	uint8_t type;
	bool write;
	uint16_t cpu;
	uint32_t tid;
	uint64_t time_ns;
	uint64_t addr;
	uint64_t size;
	uint64_t insns;
	uint32_t map_flags;
	uint32_t memcg;
	const char *name;
};

/**
 * struct trace_header - what a trace says about itself.
 * @version_major: format major version (readers refuse newer majors).
 * @version_minor: format minor version (newer minors stay readable).
 * @page_size: page size of the traced machine in bytes.
 * @nr_cpus: number of CPUs; every event's cpu is below it.
 * @nr_threads: number of threads the trace starts, 0 if unknown.
 * @time_base_ns: wall/virtual time of the trace's time 0, informative.
 * @description: free text: where the trace came from (owned).
 */
struct trace_header {
	uint32_t version_major;
	uint32_t version_minor;
	uint32_t page_size;
	uint32_t nr_cpus;
	uint32_t nr_threads;
	uint64_t time_base_ns;
	char *description;
};

/**
 * trace_header_init() - fill a header with defaults (4 KiB pages, 1 CPU).
 * @h: header to fill; its old contents are not freed.
 */
void trace_header_init(struct trace_header *h);

/**
 * trace_header_clear() - free what a header owns.
 * @h: header; left with a NULL description.
 */
void trace_header_clear(struct trace_header *h);

/**
 * trace_header_copy() - deep-copy a header.
 * @dst: destination (old contents not freed).
 * @src: source.
 */
void trace_header_copy(struct trace_header *dst,
		       const struct trace_header *src);

/**
 * trace_event_type_name() - short lower-case name of an event type.
 * @type: enum trace_event_type value.
 *
 * Return: a static string, "unknown" for out-of-range values.
 */
const char *trace_event_type_name(unsigned int type);

/**
 * trace_error_quark() - GError domain of the traces library.
 *
 * Return: the quark.  Codes are positive errno values.
 */
GQuark trace_error_quark(void);
#define TRACE_ERROR trace_error_quark()

#endif /* DAMONSIM_TRACES_TRACE_H */
