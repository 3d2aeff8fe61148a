// SPDX-License-Identifier: GPL-2.0
/*
 * run_hostcost.c - host cost of each aggregation interval of a context,
 * measured on its kdamond thread (see run_hostcost.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "primitives/primitive.h"
#include "sim/report.h"
#include "sim/run_hostcost.h"

static const struct report_stat hostcost_stats[] = {
	{ "kdamond_cpu_us", "us",
	  "kdamond CPU time since the previous aggregation (simulator work in its context excluded)",
	  1 },
	{ "ops_cpu_us", "us", "of which in the primitive's ops", 1 },
	{ "core_cpu_us", "us", "of which in the real DAMON core", 1 },
	{ "kdamond_insns", "",
	  "instructions retired by kdamond in the interval (core and ops), where the host has a PMU",
	  0 },
};

void run_hostcost_init(struct run_hostcost *hc)
{
	memset(hc, 0, sizeof(*hc));
	hc->insns.fd = -1;
	hc->table = report_table_new("time_s", hostcost_stats,
				     G_N_ELEMENTS(hostcost_stats));
}

void run_hostcost_enter(struct run_hostcost *hc,
			const struct prim_instance *inst, double t_s)
{
	uint64_t now = hostclock_thread_cpu_ns(), insns = 0;
	uint64_t kd = now - MIN(now, hc->mark_cpu_ns);
	uint64_t ops = inst->counters.ops_cpu_ns - hc->mark_ops_ns;
	double row[G_N_ELEMENTS(hostcost_stats)];
	char label[32];

	hc->enter_cpu_ns = now;
	row[0] = kd / 1e3;
	row[1] = MIN(ops, kd) / 1e3;
	row[2] = (kd - MIN(ops, kd)) / 1e3;
	row[3] = NAN;
	if (!hc->insns_tried) {
		/*
		 * Opened here because this is the kdamond thread; the first
		 * interval therefore has no count.
		 */
		hc->insns_tried = true;
		host_counter_open_insns(&hc->insns);
	} else if (hc->mark_insns_valid &&
		   host_counter_read(&hc->insns, &insns)) {
		row[3] = (double)(insns - hc->mark_insns);
		hc->kdamond_insns += insns - hc->mark_insns;
		hc->insns_rows++;
	}
	snprintf(label, sizeof(label), "%.3f", t_s);
	report_table_add_row(hc->table, label, row);
	hc->rows++;
}

void run_hostcost_leave(struct run_hostcost *hc,
			const struct prim_instance *inst)
{
	hc->mark_cpu_ns = hostclock_thread_cpu_ns();
	hc->sink_cpu_ns += hc->mark_cpu_ns - MIN(hc->mark_cpu_ns,
						 hc->enter_cpu_ns);
	hc->mark_ops_ns = inst->counters.ops_cpu_ns;
	hc->mark_insns_valid = host_counter_read(&hc->insns, &hc->mark_insns);
}

struct report_table *run_hostcost_table(const struct run_hostcost *hc)
{
	return hc->table;
}

double run_hostcost_insns(const struct run_hostcost *hc, char *why,
			  unsigned long size)
{
	if (hc->insns_rows)
		return (double)hc->kdamond_insns;
	if (hc->insns.err)
		host_counter_why(&hc->insns, why, size);
	else
		snprintf(why, size,
			 "instructions: not measured: no aggregation after the counter opened");
	return -1;
}

void run_hostcost_free(struct run_hostcost *hc)
{
	host_counter_close(&hc->insns);
	if (hc->table)
		report_table_free(hc->table);
	hc->table = NULL;
}
