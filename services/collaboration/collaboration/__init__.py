"""The collaboration service: the Q Lab, the resources library and surveys of members."""
