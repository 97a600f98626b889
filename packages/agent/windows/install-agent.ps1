# install-agent.ps1: installs iisfleet-agent.exe as a Windows service (written in the next commits).
