import { parseConfig } from "../../config";
import type { DoctorCheck } from "../doctor-check";

/** The whole configuration (`.env` + environment) parses; its message names the bad variable. */
export const configCheck: DoctorCheck = {
  name: "config",
  label: "Config",
  async run(context) {
    try {
      context.config = parseConfig(context.env);
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
    return { ok: true, detail: `valid (site ${context.config.SITE_URL}, port ${context.config.PORT})` };
  },
};
