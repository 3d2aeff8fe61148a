/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: force-included into the real-thread build.  Its objects use
 * a different struct mutex than the simulation build, so every external
 * symbol gets its own name and one test program can link both builds.
 */
#ifndef DAMON_REPORT_THREADED_RENAME_H
#define DAMON_REPORT_THREADED_RENAME_H

#define nr_cpu_ids damon_report_thr_nr_cpu_ids
#define damon_report_buf_init damon_report_thr_buf_init
#define damon_report_buf_destroy damon_report_thr_buf_destroy
#define damon_report_buf_push damon_report_thr_buf_push
#define damon_report_buf_collect damon_report_thr_buf_collect
#define damon_report_buf_stats damon_report_thr_buf_stats
#define damon_report_ranges_valid damon_report_thr_ranges_valid
#define damon_report_find_range damon_report_thr_find_range
#define damon_report_attribute damon_report_thr_attribute
#define damon_report_drain damon_report_thr_drain

#endif /* DAMON_REPORT_THREADED_RENAME_H */
