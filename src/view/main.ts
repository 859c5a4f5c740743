const statusLine = document.querySelector<HTMLElement>('#status');
if (statusLine) statusLine.textContent = 'Ready.';
