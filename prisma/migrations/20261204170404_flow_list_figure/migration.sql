-- CreateTable
CREATE TABLE "flow_list_figure" (
    "flowId" UUID NOT NULL,
    "lastDay" DATE NOT NULL,
    "efficiencies" INTEGER[],
    "completions" INTEGER[],
    "outlookAt" TIMESTAMPTZ(3),
    "likelyLate" INTEGER,
    "forecast" JSONB,

    CONSTRAINT "flow_list_figure_pkey" PRIMARY KEY ("flowId")
);

-- CreateIndex
CREATE INDEX "flow_daily_figure_day_flowId_efficiency_idx" ON "flow_daily_figure"("day", "flowId", "efficiency");

-- AddForeignKey
ALTER TABLE "flow_list_figure" ADD CONSTRAINT "flow_list_figure_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The list's figures of an existing mirror, from the daily figures it has (as the roll-up writes
-- them, lib/metrics/flow-list-figures.ts), so the flows list keeps its figures across the upgrade;
-- what lies ahead follows with the next roll-up (the next sync's last phase).
INSERT INTO "flow_list_figure" ("flowId", "lastDay", "efficiencies", "completions")
SELECT latest."flowId", latest."lastDay", array_agg(d."efficiency" ORDER BY g.i), array_agg(d."completedToday" ORDER BY g.i)
FROM (SELECT "flowId", max("day") AS "lastDay" FROM "flow_daily_figure" GROUP BY "flowId") latest
CROSS JOIN generate_series(0, 33) AS g(i)
LEFT JOIN "flow_daily_figure" d ON d."flowId" = latest."flowId" AND d."day" = latest."lastDay" - 33 + g.i
GROUP BY latest."flowId", latest."lastDay";
