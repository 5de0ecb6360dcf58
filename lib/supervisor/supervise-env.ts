/** Set in every supervised child so it can stop itself if the supervisor dies without stopping it. */
export const SUPERVISOR_PID_ENV = "CE_SUPERVISOR_PID";
