// Resident budget ballot: show how much of the budget the ticked ideas use (approval ballots).
// Progressive enhancement only: the server checks every ballot; this just helps while choosing.
(function () {
  "use strict";
  var form = document.querySelector("form.vote-form[data-approval='1']");
  if (!form) return;
  var meter = document.getElementById("budget-meter");
  var budget = parseFloat(form.getAttribute("data-budget"));
  var boxes = form.querySelectorAll("input[type=checkbox][data-cost]");
  var money = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  var nl = (document.documentElement.lang || "nl").indexOf("en") !== 0;
  function update() {
    var total = 0;
    boxes.forEach(function (box) { if (box.checked) total += parseFloat(box.getAttribute("data-cost")); });
    var over = total > budget;
    meter.hidden = false;
    meter.classList.toggle("over", over);
    meter.textContent = nl
      ? "U koos voor " + money.format(total) + " van " + money.format(budget) + "." + (over ? " Dat is te veel: haal een idee weg." : "")
      : "You chose " + money.format(total) + " of " + money.format(budget) + "." + (over ? " That is too much: remove an idea." : "");
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
  // Focus on the error summary: the site-wide wijkaanpak/site.js does it for every form.
})();
