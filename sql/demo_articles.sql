-- Sample articles for `make demo`: written for newsext (fictional events,
-- real-looking wire style), free to use under the project's licence.
CREATE TABLE IF NOT EXISTS articles(
  id INTEGER PRIMARY KEY,
  published TEXT,   -- publication date, the reference for event_dates()
  source TEXT,
  title TEXT,
  body TEXT
);

INSERT INTO articles(published, source, title, body) VALUES
('2020-01-06', 'Wire', 'Iran vows response as Baghdad weighs U.S. troop exit',
'TEHRAN (Wire) - Iran''s Foreign Minister Mohammad Javad Zarif said on Monday that Tehran would respond "at a time and place of its choosing" to the killing of Gen. Qasem Soleimani in Baghdad on Friday.

“The United States has crossed a red line,” Zarif told reporters in Tehran. “It will bear the consequences.”

Soleimani, who led the Quds Force of the Islamic Revolutionary Guard Corps (IRGC), was killed in a drone strike near Baghdad International Airport on Jan. 3. Iraq''s caretaker Prime Minister Adel Abdul-Mahdi called the strike a violation of Iraqi sovereignty, and lawmakers voted on Sunday to ask foreign troops to leave.

President Donald Trump warned on Saturday that the U.S. had identified 52 Iranian sites and would hit them "very fast and very hard" if Tehran retaliated. Trump''s aides said the list was drawn up two days ago.

A State Department spokeswoman said the embassy in Baghdad would remain open. The IRGC said it was preparing "a harsh revenge."');

INSERT INTO articles(published, source, title, body) VALUES
('2021-03-15', 'Daily Ledger', 'City council approves riverside housing plan',
'PORTLAND, Ore. - The Portland City Council voted 4-1 on Wednesday to approve a $120 million housing development along the Willamette River, ending a two-year fight over the site.

Mayor Ted Wheeler called the vote "a turning point for families who have been priced out of this city." Commissioner Jo Ann Hardesty, the lone vote against, said the plan did too little for renters.

"Ted Wheeler promised us affordable homes," she said. "What we got is luxury condos with a few token units."

Construction is expected to begin next spring and to take about 18 months. The developer, Riverside Partners LLC, said in a statement that it would reserve 20% of the units for low-income tenants.

Residents can comment on the final design until April 30.');

INSERT INTO articles(published, source, title, body) VALUES
('2019-11-08', 'Wire', 'Merkel defends Berlin record on anniversary of Wall''s fall',
'BERLIN (Wire) - German Chancellor Angela Merkel on Friday urged Europeans to defend democracy, speaking on the eve of the 30th anniversary of the fall of the Berlin Wall on Nov. 9, 1989.

"Freedom and democracy are not a given," Merkel said at a ceremony at the Bernauer Strasse memorial. "They must be defended every day."

Merkel, who grew up in East Germany, recalled the night the wall opened. She said she had gone to a sauna, as she did every Thursday, before crossing into West Berlin with thousands of others.

The European Union''s foreign policy chief, Federica Mogherini, said in a statement that the anniversary was "a reminder of what Europeans can achieve together." Celebrations will continue through the weekend, with a concert at the Brandenburg Gate on Saturday evening.');

INSERT INTO articles(published, source, title, body) VALUES
('2022-07-19', 'Metro Post', 'Heat wave grips Britain as records fall',
'LONDON - Britain recorded its highest temperature on record on Tuesday, when thermometers at Coningsby in Lincolnshire reached 40.3C, the Met Office said.

The previous record, 38.7C, was set in Cambridge in July 2019. Forecasters said the heat would ease by the weekend.

"This is not something we have seen in this country before," said Penelope Endersby, the Met Office''s chief executive. She told the BBC that such temperatures could occur every three years by 2100 unless emissions fell.

Network Rail cancelled hundreds of trains, and London Fire Brigade said it had its busiest day since World War II. The government held an emergency Cobra meeting on Monday.');

INSERT INTO articles(published, source, title, body) VALUES
('2023-05-02', 'Tech Desk', 'Chipmaker shares jump on record quarterly sales',
'SAN FRANCISCO - Shares of Nvidia Corp. rose 8% in after-hours trading on Wednesday after the chipmaker reported record sales for the first quarter and forecast strong demand for its artificial-intelligence processors.

Chief Executive Jensen Huang said the company was "significantly increasing" its supply to meet demand. "A new computing era has begun," Huang said on a call with analysts.

Revenue for the three months ended April 30 rose to $7.19 billion, the company said. Analysts polled by FactSet had expected $6.5 billion.

Nvidia will report its second-quarter results in late August. The stock has more than doubled this year.');
