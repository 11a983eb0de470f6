// The demo shop's own script: the signed-in customer is the shop's business, so it sits in the shop's account menu.
// A real shop renders the embed tag server-side with its customer's JWT in data-token; the demo names a sandbox user.
(function () {
  'use strict';
  var KEY = 'demo.customer';
  var select = document.getElementById('customer');
  var user = localStorage.getItem(KEY) || 'demo';
  select.value = user;
  select.addEventListener('change', function () {
    localStorage.setItem(KEY, select.value);
    sessionStorage.removeItem('smile.chat.open');
    location.reload();
  });
  var tag = document.createElement('script');
  tag.src = '/embed.js';
  tag.setAttribute('data-user', user);
  tag.setAttribute('data-locale', user === 'demo-ko' ? 'ko' : 'en');
  document.body.append(tag);
})();
