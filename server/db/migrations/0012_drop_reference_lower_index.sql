-- References are found by number (conversations_district_number_uq) and compared whole: under row-level security an
-- index on lower(reference) cannot serve a query (lower is not leakproof), so it only cost every write.
DROP INDEX "conversations_reference_lower_idx";