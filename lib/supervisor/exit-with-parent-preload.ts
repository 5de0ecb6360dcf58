/** `node --import <dist/exit-with-parent.js> server.js`: the watchdog for processes we don't own (Next's server). */
import { exitWithParent } from "./exit-with-parent";

exitWithParent();
