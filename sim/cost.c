// SPDX-License-Identifier: GPL-2.0
/* The cost model's [cost] keys and arithmetic; sources in docs/cost-model.md */
#include "sim/cost.h"

/*
 * Per-page accessed-bit costs: Akinobu Mita's perf-event DAMON RFC v3
 * (April 2026) measured, on a 100 GB memcached, 7 s to prepare (mkold) and
 * 5 s to check one pass over all pages: 100 GB / 4 KiB = 26.2 M pages,
 * so about 270 ns per mkold and 190 ns per check.  Those figures include
 * the rmap walk, hence rmap_walk defaults to 0.
 */
static const struct cfg_key cost_keys[] = {
	{ .name = "pte_check", .type = CFG_TIME, .def = "190 ns",
	  .desc = "read one page's accessed bit (Mita RFC v3, 2026)" },
	{ .name = "pte_mkold", .type = CFG_TIME, .def = "270 ns",
	  .desc = "clear one page's accessed bit (Mita RFC v3, 2026)" },
	{ .name = "rmap_walk", .type = CFG_TIME, .def = "0 ns",
	  .desc = "extra cost of a frame -> PTE lookup (included above)" },
	{ .name = "tlb_flush", .type = CFG_TIME, .def = "0 ns",
	  .desc = "one single-page TLB shootdown (no published default; "
		  "set it to study mkold_flush)" },
	{ .name = "fault_latency", .type = CFG_TIME, .def = "1 us",
	  .desc = "one hinting fault, charged to the workload (minor fault "
		  "median 3,241 cycles)" },
	{ .name = "fault_arm", .type = CFG_TIME, .def = "270 ns",
	  .desc = "arm or disarm one page for faulting: a PTE update like "
		  "pte_mkold" },
	{ .name = "pebs_record", .type = CFG_TIME, .def = "250 ns",
	  .desc = "one PEBS record, charged to the workload (Akiyama & "
		  "Hirofuchi ROSS'17: 200-300 ns)" },
	{ .name = "pebs_interrupt", .type = CFG_TIME, .def = "1 us",
	  .desc = "one PEBS buffer-full interrupt (no published figure; "
		  "one kernel entry, as a minor fault)" },
	{ .name = "ibs_nmi", .type = CFG_TIME, .def = "1 us",
	  .desc = "one IBS sample NMI, charged to the workload (no "
		  "published figure)" },
	{ .name = "drain_report", .type = CFG_TIME, .def = "20 ns",
	  .desc = "drain one report: collect and region lookup (measured, "
		  "bench/results/report-2026-11-25.md)" },
};

int cost_register_keys(struct cfg_schema *schema)
{
	return cfg_schema_add_keys(schema, "cost", cost_keys,
				   G_N_ELEMENTS(cost_keys));
}

void cost_model_load(const struct cfg *cfg, struct cost_model *cm)
{
	cm->pte_check_ns = (double)cfg_get_time_ns(cfg, "cost", "pte_check");
	cm->pte_mkold_ns = (double)cfg_get_time_ns(cfg, "cost", "pte_mkold");
	cm->rmap_walk_ns = (double)cfg_get_time_ns(cfg, "cost", "rmap_walk");
	cm->tlb_flush_ns = (double)cfg_get_time_ns(cfg, "cost", "tlb_flush");
	cm->fault_latency_ns = (double)cfg_get_time_ns(cfg, "cost",
						       "fault_latency");
	cm->fault_arm_ns = (double)cfg_get_time_ns(cfg, "cost", "fault_arm");
	cm->pebs_record_ns = (double)cfg_get_time_ns(cfg, "cost",
						     "pebs_record");
	cm->pebs_interrupt_ns = (double)cfg_get_time_ns(cfg, "cost",
							"pebs_interrupt");
	cm->ibs_nmi_ns = (double)cfg_get_time_ns(cfg, "cost", "ibs_nmi");
	cm->drain_report_ns = (double)cfg_get_time_ns(cfg, "cost",
						      "drain_report");
}

double cost_monitor_ns(const struct cost_model *cm,
		       const struct prim_counters *c)
{
	return cm->pte_check_ns * (double)c->checks +
	       cm->pte_mkold_ns * (double)c->clears +
	       cm->rmap_walk_ns * (double)c->rmap_walks +
	       cm->tlb_flush_ns * (double)c->tlb_flushes +
	       cm->fault_arm_ns * (double)c->arms +
	       cm->pebs_interrupt_ns * (double)c->interrupts +
	       cm->drain_report_ns * (double)c->drain_lookups;
}

double cost_event_ns(const struct cost_model *cm, enum prim_event ev)
{
	switch (ev) {
	case PRIM_EV_FAULT:
		return cm->fault_latency_ns;
	case PRIM_EV_PEBS_RECORD:
		return cm->pebs_record_ns;
	case PRIM_EV_IBS_NMI:
		return cm->ibs_nmi_ns;
	default:
		return 0;
	}
}

double cost_workload_ns(const struct cost_model *cm,
			const struct prim_counters *c)
{
	return cm->fault_latency_ns * (double)c->faults +
	       cm->pebs_record_ns * (double)c->records +
	       cm->ibs_nmi_ns * (double)c->nmis;
}
