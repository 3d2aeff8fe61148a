// SPDX-License-Identifier: GPL-2.0
/*
 * The host-supplied facts of the simulated machine, as the kernel APIs
 * core.c calls: RAM size and ranges, free pages, memory pressure, pids.
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/psi.h>
#include <linux/slab.h>

#include "hostops.h"
#include "kport_host.h"

#define DEFAULT_RAM_PAGES (1UL << 18)	/* 1 GiB of 4 KiB pages */

static struct kport_hostops hostops;

const struct kport_hostops *kport_hostops(void)
{
	return &hostops;
}

void kport_set_hostops(const struct kport_hostops *ops)
{
	if (ops)
		hostops = *ops;
	else
		memset(&hostops, 0, sizeof(hostops));
}

unsigned long totalram_pages(void)
{
	if (hostops.totalram_pages)
		return hostops.totalram_pages(hostops.data);
	return DEFAULT_RAM_PAGES;
}

unsigned long global_zone_page_state(enum zone_stat_item item)
{
	if (item != NR_FREE_PAGES)
		return 0;
	if (hostops.free_pages)
		return hostops.free_pages(hostops.data);
	return totalram_pages();
}

unsigned long global_node_page_state(enum node_stat_item item)
{
	static const enum kport_node_stat map[NR_VM_NODE_STAT_ITEMS] = {
		[NR_INACTIVE_ANON] = KPORT_NODE_INACTIVE_ANON,
		[NR_ACTIVE_ANON] = KPORT_NODE_ACTIVE_ANON,
		[NR_INACTIVE_FILE] = KPORT_NODE_INACTIVE_FILE,
		[NR_ACTIVE_FILE] = KPORT_NODE_ACTIVE_FILE,
		[NR_UNEVICTABLE] = KPORT_NODE_UNEVICTABLE,
		[NR_ANON_THPS] = KPORT_NODE_ANON_THPS,
		[NR_SHMEM_THPS] = KPORT_NODE_SHMEM_THPS,
		[NR_FILE_THPS] = KPORT_NODE_FILE_THPS,
	};

	if (item >= NR_VM_NODE_STAT_ITEMS || !hostops.node_page_state)
		return 0;
	return hostops.node_page_state(hostops.data, map[item]);
}

int walk_system_ram_res(u64 start, u64 end, void *arg,
			int (*func)(struct resource *, void *))
{
	struct kport_ram_range ranges[64];
	int nr, i, ret = -EINVAL;

	if (hostops.ram_ranges) {
		nr = hostops.ram_ranges(hostops.data, ranges,
					(int)ARRAY_SIZE(ranges));
	} else {
		ranges[0].start = 0;
		ranges[0].end = DEFAULT_RAM_PAGES * PAGE_SIZE - 1;
		nr = 1;
	}
	for (i = 0; i < nr; i++) {
		struct resource res = {
			.start = max(ranges[i].start, start),
			.end = min(ranges[i].end, end),
			.name = "System RAM",
		};

		if (res.start > res.end)
			continue;
		ret = func(&res, arg);
		if (ret)
			break;
	}
	return ret;
}

struct psi_group psi_system;
DEFINE_STATIC_KEY_FALSE(psi_disabled);

void kport_psi_refresh(void)
{
	if (hostops.psi_mem_some_ns)
		psi_system.total[PSI_AVGS][PSI_MEM * 2] =
			hostops.psi_mem_some_ns(hostops.data);
}

/* Every struct pid with a reference; newest first, so a reused number
 * finds its latest owner. */
static struct pid *live_pids;

struct pid *kport_pid_new(int nr, void *host)
{
	struct pid *pid = calloc(1, sizeof(*pid));

	if (!pid)
		return NULL;
	pid->refcount = 1;
	pid->nr = nr;
	pid->host = host;
	pid->next_live = live_pids;
	live_pids = pid;
	return pid;
}

struct pid *find_get_pid(pid_t nr)
{
	struct pid *pid;

	for (pid = live_pids; pid; pid = pid->next_live)
		if (pid->nr == nr)
			return get_pid(pid);
	return NULL;
}

struct pid *get_pid(struct pid *pid)
{
	if (pid)
		pid->refcount++;
	return pid;
}

void put_pid(struct pid *pid)
{
	struct pid **pp;

	if (!pid || --pid->refcount)
		return;
	for (pp = &live_pids; *pp; pp = &(*pp)->next_live) {
		if (*pp == pid) {
			*pp = pid->next_live;
			break;
		}
	}
	free(pid);
}

/* ---- trace events --------------------------------------------------- */

bool kport_trace_enabled(const char *event)
{
	if (!hostops.trace)
		return false;
	if (hostops.trace_enabled)
		return hostops.trace_enabled(hostops.data, event);
	return hostops.trace_all;
}

bool kport_trace_wants_text(void)
{
	return hostops.trace_text;
}

void kport_trace_emit(const struct kport_trace_event *ev)
{
	if (hostops.trace)
		hostops.trace(hostops.data, ev);
}

bool kport_trace_u64(const struct kport_trace_event *ev, const char *field,
		     uint64_t *val)
{
	const struct kport_trace_field *f;
	const unsigned char *p;
	unsigned int i;

	for (i = 0; i < ev->nr_fields; i++) {
		f = &ev->fields[i];
		if (strcmp(f->name, field))
			continue;
		if (f->is_dynamic)
			return false;
		p = (const unsigned char *)ev->entry + f->offset;
		switch (f->size) {
		case 1:
			*val = f->is_signed ? (uint64_t)(int64_t)*(const int8_t *)p :
					      *(const uint8_t *)p;
			return true;
		case 2:
			*val = f->is_signed ? (uint64_t)(int64_t)*(const int16_t *)p :
					      *(const uint16_t *)p;
			return true;
		case 4:
			*val = f->is_signed ? (uint64_t)(int64_t)*(const int32_t *)p :
					      *(const uint32_t *)p;
			return true;
		case 8:
			*val = *(const uint64_t *)p;
			return true;
		default:
			return false;
		}
	}
	return false;
}
