import { z } from "zod";
import { queryFlag } from "@/lib/validation/query";

export const listConfigurationsQuery = z.object({ all: queryFlag });
